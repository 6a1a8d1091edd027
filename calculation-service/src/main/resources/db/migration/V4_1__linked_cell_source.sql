-- What a linked cell reflects, for reads and explain: the link's source document and the source
-- cell (or dataset column[key]) of this destination cell, and when the value arrived.
alter table linked_cell
    add column source_type        text,
    add column source_document_id uuid,
    add column source_workspace   text,
    add column source_ref         text,
    add column linked_at          timestamptz not null default now();

-- Linking's word on each link into a workbook (LinkStateChanged): stopped (broken, revoked) or
-- holding newer source values for a manual publish.
create table link_state (
    link_id                 text        primary key,
    workbook_id             uuid        not null,
    status                  text        not null,
    status_reason           text,
    source_deleted          boolean     not null default false,
    source_changed_revision bigint,
    held_revision           bigint,
    updated_at              timestamptz not null default now()
);
create index link_state_by_workbook on link_state (workbook_id);
