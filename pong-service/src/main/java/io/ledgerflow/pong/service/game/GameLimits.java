package io.ledgerflow.pong.service.game;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the games may hold at once ({@code pong.limits}): a game runs until it is ended, so without limits every game
 * ever created would keep a simulation running.
 *
 * @param runningGamesPerWorkspace games of one workspace not ended (running or paused); one more is refused with 429
 * @param instanceBalls balls of all games not ended, the simulation load of the instance that runs them; a game with
 *     more balls than this is refused with 422 (it can never run), one that does not fit in what is left with 429
 */
@ConfigurationProperties("pong.limits")
public record GameLimits(
        @DefaultValue("10") int runningGamesPerWorkspace,
        @DefaultValue("200000") long instanceBalls) {

    public GameLimits {
        if (runningGamesPerWorkspace < 1) {
            throw new IllegalArgumentException(
                    "pong.limits.running-games-per-workspace must be at least 1, was " + runningGamesPerWorkspace);
        }
    }
}
