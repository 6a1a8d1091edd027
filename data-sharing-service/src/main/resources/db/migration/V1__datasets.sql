-- Datasets a workspace publishes. Every publish is a new immutable version; rows are stored per
-- version and never updated. Corrections are new versions.
create table dataset (
    id             uuid        primary key,
    workspace      text        not null,
    name           text        not null,
    columns        text        not null,   -- JSON: [{"name","type"}]
    primary_key    text        not null,
    latest_version bigint      not null,   -- 0 until the first publish
    created_at     timestamptz not null,
    version        bigint      not null
);
create index dataset_by_workspace on dataset (workspace, created_at, id);

create table dataset_version (
    dataset_id   uuid        not null references dataset (id),
    version      bigint      not null,
    row_count    int         not null,
    published_at timestamptz not null,
    primary key (dataset_id, version)
);

create table dataset_row (
    dataset_id uuid   not null,
    version    bigint not null,
    row_key    text   not null,
    data       text   not null,             -- JSON object of the row
    primary key (dataset_id, version, row_key),
    foreign key (dataset_id, version) references dataset_version (dataset_id, version)
);
