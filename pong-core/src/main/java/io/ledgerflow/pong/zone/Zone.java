package io.ledgerflow.pong.zone;

/** A rectangular zone of the arena, simulated by shard {@code shard}. */
public record Zone(int id, Rect rect, int shard) {}
