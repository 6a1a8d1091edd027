-- Periodic snapshots of a workbook's contents, so a reload replays only the revisions after the
-- latest one. A snapshot is derived data: dropping them all only makes reloads slower.
create table workbook_snapshot (
    workbook_id uuid        not null references workbook (id),
    revision    bigint      not null,
    contents    text        not null,
    created_at  timestamptz not null default now(),
    primary key (workbook_id, revision)
);
