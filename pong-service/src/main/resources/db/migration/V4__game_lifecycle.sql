-- A game runs until it is ended (DELETE): an ended game keeps its row, players and latest snapshot
-- (its history; the frames topic keeps every entry), is never resumed, and no longer counts against
-- the per-workspace limit of running games or the instance's ball budget.
alter table game add column status text not null default 'RUNNING'
    constraint game_status_known check (status in ('RUNNING', 'ENDED'));
alter table game add column ended_at timestamptz;
alter table game add constraint game_ended_when check ((status = 'ENDED') = (ended_at is not null));
-- the admission checks count and sum the running games
create index game_running on game (workspace) include (balls) where status = 'RUNNING';
