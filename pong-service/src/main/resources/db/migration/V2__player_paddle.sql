-- Each player steers one paddle of the arena: paddle p guards goal segment p (pong-core's player
-- index). A join takes the lowest free paddle; a leave frees it for the next joiner.
alter table game_player add column paddle int;
update game_player gp
   set paddle = numbered.n - 1
  from (select game_id, player_id,
               row_number() over (partition by game_id order by joined_at, player_id) as n
          from game_player) numbered
 where gp.game_id = numbered.game_id and gp.player_id = numbered.player_id;
alter table game_player alter column paddle set not null;
alter table game_player add constraint game_player_paddle_in_range check (paddle between 0 and 63);
alter table game_player add constraint game_player_one_per_paddle unique (game_id, paddle);
-- a player's input stream finds its player by token hash
create index game_player_by_token on game_player (game_id, token_hash);
