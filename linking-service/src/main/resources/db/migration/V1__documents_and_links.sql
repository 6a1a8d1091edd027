-- What linking knows of other services' documents, learnt only from the log.
create table document (
    type       text        not null,   -- workbook | dataset
    id         uuid        not null,
    workspace  text        not null,
    name       text        not null,
    latest     bigint      not null,   -- workbook revision or dataset version last seen
    deleted    boolean     not null default false,
    updated_at timestamptz not null,
    primary key (type, id)
);
create index document_by_workspace on document (workspace, type, name);

-- Links: a value flows from a source (a workbook cell or range, or a dataset field) into a cell
-- of a destination workbook. One link per destination cell.
create table link (
    id                      uuid        primary key,
    workspace               text        not null,
    source_type             text        not null,
    source_document_id      uuid        not null,
    source_ref              text        not null,
    destination_workbook_id uuid        not null,
    destination_cell        text        not null,
    created_at              timestamptz not null,
    version                 bigint      not null,
    unique (destination_workbook_id, destination_cell)
);
create index link_by_workspace on link (workspace, created_at, id);
create index link_by_source on link (source_type, source_document_id);
