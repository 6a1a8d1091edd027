-- Rows are stored once per change, not copied per version: a row version holds a row's values
-- over the range of dataset versions [valid_from, valid_to) (valid_to null while it is current).
-- A version of a million rows with a hundred changes costs a hundred row versions.
-- Primary keys of one or more columns, decimal columns with a scale, and each version's schema.

alter table dataset_column add column scale int;

alter table dataset add column key_columns text[];
update dataset set key_columns = array[primary_key];
alter table dataset alter column key_columns set not null;
alter table dataset drop column primary_key;

alter table dataset_version add column kind text not null default 'full';
alter table dataset_version add column inserted int not null default 0;
alter table dataset_version add column updated int not null default 0;
alter table dataset_version add column deleted int not null default 0;
alter table dataset_version add column columns jsonb;
update dataset_version v set columns = (
    select jsonb_agg(jsonb_build_object('name', c.name, 'type', c.type) order by c.ordinal)
    from dataset_column c where c.dataset_id = v.dataset_id);
alter table dataset_version alter column columns set not null;
alter table dataset_version alter column kind drop default;
-- as of a time: the last version published at or before it
create index dataset_version_by_time on dataset_version (dataset_id, published_at, version);

-- row_key: the primary-key values as text, joined by U+001F, compared byte-wise (collate "C")
-- so that pages follow one stable key order.
create table dataset_row_version (
    dataset_id uuid   not null references dataset (id),
    row_key    text   collate "C" not null,
    valid_from bigint not null,
    valid_to   bigint,
    data       jsonb  not null,           -- the row's values, null values omitted
    primary key (dataset_id, row_key, valid_from) include (valid_to),
    check (valid_to is null or valid_to > valid_from)
);
-- latest: the open row versions in key order
create index dataset_row_version_current on dataset_row_version (dataset_id, row_key) where valid_to is null;
-- a version's changes and the change feed: rows that began or ended in a range of versions
create index dataset_row_version_from on dataset_row_version (dataset_id, valid_from, row_key);
create index dataset_row_version_to on dataset_row_version (dataset_id, valid_to, row_key) where valid_to is not null;

-- The per-version copies become row versions valid over their one version (their history stays
-- readable; only new publishes share unchanged rows).
insert into dataset_row_version (dataset_id, row_key, valid_from, valid_to, data)
select r.dataset_id, r.row_key, r.version,
       case when r.version < d.latest_version then r.version + 1 end,
       jsonb_strip_nulls(r.data::jsonb)
from dataset_row r join dataset d on d.id = r.dataset_id;
drop table dataset_row;

-- Grants: dataset shared with another workspace for reading, optionally a column subset and a
-- row filter. A grant is never changed but for its revocation, recorded once.
create table dataset_grant (
    id          uuid        primary key,
    dataset_id  uuid        not null references dataset (id),
    workspace   text        not null,   -- the owner
    grantee     text        not null,
    columns     jsonb,                  -- null: every column
    row_filter  jsonb       not null,   -- [{"column","op","value"}], [] for every row
    granted_by  text        not null,
    granted_at  timestamptz not null,
    revoked_by  text,
    revoked_at  timestamptz
);
create unique index dataset_grant_active on dataset_grant (dataset_id, grantee) where revoked_at is null;
create index dataset_grant_by_grantee on dataset_grant (grantee, granted_at) where revoked_at is null;
create index dataset_grant_by_dataset on dataset_grant (dataset_id, granted_at);
