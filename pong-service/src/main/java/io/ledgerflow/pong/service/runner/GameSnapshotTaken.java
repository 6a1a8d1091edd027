package io.ledgerflow.pong.service.runner;

import io.ledgerflow.eventlog.DomainEvent;
import io.ledgerflow.pong.log.LogEntry.Snapshot;
import java.util.UUID;

/**
 * The latest stored snapshot of a running game, on the compacted topic {@code ledgerflow.pong.game-snapshots.v1}
 * (key = game id; a tombstone when the game ends): where a reader outside the game resumes its state without the
 * frames before it.
 */
public record GameSnapshotTaken(UUID gameId, long frame, long stateHash, Snapshot snapshot) implements DomainEvent {}
