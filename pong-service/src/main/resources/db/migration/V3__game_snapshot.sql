-- The latest snapshot of each game (pong-core's Snapshot entry as JSON): where a game resumes after
-- this service restarts. Written off the game's thread every `pong.snapshot-every-frames` frames;
-- only the newest is kept (the frames topic keeps them all).
create table game_snapshot (
    game_id    uuid        primary key references game (id),
    frame      bigint      not null,
    state_hash bigint      not null,
    snapshot   jsonb       not null,
    taken_at   timestamptz not null
);
