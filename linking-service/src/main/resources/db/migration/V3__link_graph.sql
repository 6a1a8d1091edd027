-- Links become the cross-document data-flow graph: every reference is stored in one canonical
-- form (sheet, rows, columns) and events are matched by address, never by reference text.
alter table link rename column destination_cell to destination_ref;
alter table link drop constraint link_destination_workbook_id_destination_cell_key;
alter table link
    add column kind                    text,      -- cell | range | dataset-field | dataset-slice
    add column source_workspace        text,      -- the source document's workspace (a grant's owner)
    add column source_sheet            text,      -- workbook sources: the canonical area
    add column source_row1             int,
    add column source_col1             int,
    add column source_row2             int,
    add column source_col2             int,
    add column source_column           text,      -- dataset sources: the column
    add column source_keys             jsonb,     -- dataset sources: row keys, each a list of key values
    add column destination_sheet       text,
    add column destination_row1        int,
    add column destination_col1        int,
    add column destination_row2        int,
    add column destination_col2        int,
    add column status                  text not null default 'active', -- active | revoked | broken
    add column status_reason           text,
    add column publish_mode            text not null default 'auto',   -- auto | manual
    add column grant_id                uuid,      -- the grant a cross-workspace link rests on
    add column source_changed_revision bigint;    -- newest source revision/version that changed its cells

-- Each destination cell belongs to at most one link (ranges included): the database says so.
create table link_destination_cell (
    workbook_id uuid not null,
    sheet_key   text not null,   -- lower-case sheet name
    row_index   int  not null,
    col_index   int  not null,
    link_id     uuid not null references link (id) on delete cascade,
    primary key (workbook_id, sheet_key, row_index, col_index)
);
create index link_destination_cell_by_link on link_destination_cell (link_id);
create index link_by_destination on link (destination_workbook_id);
create index link_by_grant on link (grant_id);

-- Values held by manual links until published: the newest per destination cell.
create table link_pending (
    link_id         uuid   not null references link (id) on delete cascade,
    sheet           text   not null,
    row_index       int    not null,
    col_index       int    not null,
    value           jsonb,
    source_revision bigint not null,
    primary key (link_id, sheet, row_index, col_index)
);

-- The latest values of datasets' rows, learnt from DatasetRowsChanged (key = the primary-key
-- values as a JSON array of strings).
create table dataset_row (
    dataset_id uuid   not null,
    row_key    text   not null,
    vals       jsonb,
    version    bigint not null,
    deleted    boolean not null default false,
    primary key (dataset_id, row_key)
);

-- Data-sharing grants, learnt from DatasetShared / DatasetShareRevoked.
create table dataset_grant (
    grant_id        uuid primary key,
    dataset_id      uuid not null,
    owner_workspace text not null,
    grantee         text not null,
    columns         jsonb,          -- null: every column
    row_filter      jsonb,          -- null: every row
    revoked         boolean not null default false,
    updated_at      timestamptz not null
);
create index dataset_grant_by_grantee on dataset_grant (dataset_id, grantee);

-- Effects applied per document (one per consumed event): a redelivered event must not count twice.
alter table document add column applied_events bigint not null default 0;
