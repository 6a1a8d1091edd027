package io.ledgerflow.pong;

import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.game.InputBook;
import io.ledgerflow.pong.game.Stepper;
import io.ledgerflow.pong.physics.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Object mother for games and input scripts. */
public final class Games {
    private Games() {}

    /** A small, crowded arena, so balls collide and cross zone boundaries often. */
    public static GameConfig crowded(int players, int balls, long seed) {
        int side = Math.max(160, (int) Math.ceil(Math.sqrt(balls) * 16)) * Arena.UNIT;
        Arena arena = new Arena(side, side, players, 4 * Arena.UNIT, 6 * Arena.UNIT, 24 * Arena.UNIT, 8 * Arena.UNIT);
        return new GameConfig(arena, balls, seed, 20, 10);
    }

    /** Random paddle inputs for frames 1..frames. */
    public static List<Input> randomInputs(int players, int frames, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Input(r.nextInt(players), 1 + r.nextInt(frames), r.nextInt(-1, 2)));
        }
        return out;
    }

    /** Reference states after frames 0..frames (index = frame), single thread, inputs on time. */
    public static List<GameState> reference(GameConfig config, List<Input> inputs, int frames) {
        InputBook book = new InputBook();
        inputs.forEach(book::put);
        List<GameState> states = new ArrayList<>();
        GameState s = GameState.initial(config);
        states.add(s);
        for (int f = 1; f <= frames; f++) {
            s = Stepper.step(config, s, book.forFrame(f)).state();
            states.add(s);
        }
        return states;
    }

    /** Submits the inputs for frame {@code f} just before it is played. */
    public static void submitOnTime(PongGame game, List<Input> inputs, long f) {
        for (Input in : inputs) {
            if (in.frame() == f) {
                game.submit(in);
            }
        }
    }
}
