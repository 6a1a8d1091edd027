-- Where an ended game stopped: its last committed frame and the state hash after it, so that a client
-- that connects (or reconnects) to an ended game's stream, or reads the game, learns its final state.
-- Null for games ended before this column, or ended while no instance ran them.
alter table game add column end_frame bigint;
alter table game add column end_state_hash bigint;
