-- Workbooks of a workspace. A workbook's revision increases with every change; its cells and
-- revisions arrive with the formula engine.
create table workbook (
    id         uuid        primary key,
    workspace  text        not null,
    name       text        not null,
    revision   bigint      not null,
    created_at timestamptz not null,
    deleted_at timestamptz,
    version    bigint      not null
);
create index workbook_by_workspace on workbook (workspace, created_at, id);
