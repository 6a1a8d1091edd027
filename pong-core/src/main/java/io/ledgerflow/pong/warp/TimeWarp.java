package io.ledgerflow.pong.warp;

import io.ledgerflow.pong.game.GameConfig;
import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.game.Input;
import io.ledgerflow.pong.game.InputBook;
import io.ledgerflow.pong.game.Stepper;
import io.ledgerflow.pong.warp.InputResult.Reason;
import io.ledgerflow.pong.warp.InputResult.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inputs by frame plus the committed states of the last {@code rollbackWindow} frames, so a late input
 * can roll the game back and be re-simulated with the reference {@link Stepper}.
 *
 * <p>An input for frame {@code f} when the head is frame {@code h}: {@code f > h + maxAhead} is refused
 * (TOO_EARLY); {@code f > h} is recorded for later; {@code h - window < f <= h} rolls back to {@code f}
 * (the state after {@code f - 1}) and re-simulates {@code f..h}; {@code f <= h - window} is refused
 * (TOO_LATE).
 */
public final class TimeWarp {
    private final GameConfig config;
    private final int maxAhead;
    private final InputBook book = new InputBook();
    /** states.get(i) is the state after frame base + i. */
    private final List<GameState> states = new ArrayList<>();

    private long base;

    public TimeWarp(GameConfig config, GameState head, int maxAhead) {
        this.config = config;
        this.maxAhead = maxAhead;
        this.base = head.frame();
        states.add(head);
    }

    public GameState head() {
        return states.getLast();
    }

    public InputBook book() {
        return book;
    }

    public List<Input> inputsFor(long frame) {
        return book.forFrame(frame);
    }

    /** Why {@code input} cannot be taken at all, if so. */
    public Optional<Refused> refusal(Input input) {
        long head = head().frame();
        if (input.player() < 0 || input.player() >= config.players()) {
            return Optional.of(
                    new Refused(input, Reason.UNKNOWN_PLAYER, "no player " + input.player() + " in this game"));
        }
        if (input.frame() > head + maxAhead) {
            return Optional.of(new Refused(
                    input,
                    Reason.TOO_EARLY,
                    "frame " + input.frame() + " is more than " + maxAhead + " frames ahead of " + head));
        }
        if (input.frame() <= head - config.rollbackWindow() || input.frame() < 1) {
            return Optional.of(new Refused(
                    input,
                    Reason.TOO_LATE,
                    "frame " + input.frame() + " is older than the rollback window of " + config.rollbackWindow()
                            + " frames (head is " + head + ")"));
        }
        return Optional.empty();
    }

    /** Records the input; true if it is new. Call {@link #refusal} first. */
    public boolean record(Input input) {
        return book.put(input);
    }

    public void forget(Input input, Input previous) {
        if (previous == null) {
            book.remove(input);
        } else {
            book.put(previous);
        }
    }

    /** The committed state after {@code frame}, if still in the window. */
    public GameState stateAt(long frame) {
        return states.get((int) (frame - base));
    }

    /**
     * Re-simulates frames {@code fromFrame..head} from the state after {@code fromFrame - 1} with the inputs
     * now recorded. Returns the new states (not yet adopted: see {@link #adopt}).
     */
    public List<GameState> resimulate(long fromFrame) {
        GameState s = stateAt(fromFrame - 1);
        List<GameState> out = new ArrayList<>();
        for (long f = fromFrame; f <= head().frame(); f++) {
            s = Stepper.step(config, s, book.forFrame(f)).state();
            out.add(s);
        }
        return out;
    }

    /** Replaces the states of frames {@code fromFrame..} by {@code corrected}. */
    public void adopt(long fromFrame, List<GameState> corrected) {
        for (int i = 0; i < corrected.size(); i++) {
            states.set((int) (fromFrame + i - base), corrected.get(i));
        }
    }

    /** A new frame was committed. */
    public void push(GameState state) {
        states.add(state);
        while (states.size() > config.rollbackWindow() + 1) {
            states.removeFirst();
            base++;
        }
        book.pruneBefore(base - 1);
    }
}
