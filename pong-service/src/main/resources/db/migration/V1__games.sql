-- Games of a workspace: the arena's settings. The simulation itself (frames, shards, balls in
-- motion) arrives with pong-core; this is the lobby.
create table game (
    id          uuid        primary key,
    workspace   text        not null,
    name        text        not null,
    max_players int         not null check (max_players between 2 and 64),
    balls       int         not null check (balls between 1 and 50000),
    shards      int         not null check (shards between 1 and 16),
    created_at  timestamptz not null,
    version     bigint      not null
);
create index game_by_workspace on game (workspace, created_at, id);

-- The players currently in a game (part of the game aggregate). Only a hash of a player's token
-- is kept: the token itself is shown once, to the player who joined.
create table game_player (
    game_id    uuid        not null references game (id),
    player_id  uuid        not null,
    name       text        not null,
    token_hash text        not null,
    joined_at  timestamptz not null,
    primary key (game_id, player_id)
);
