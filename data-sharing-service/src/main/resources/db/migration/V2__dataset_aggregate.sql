-- The dataset is a Spring Data JDBC aggregate: its columns move from a JSON text column into
-- their own table, in order. Rows keep the order they were published in (ordinal).
create table dataset_column (
    dataset_id uuid not null references dataset (id),
    ordinal    int  not null,
    name       text not null,
    type       text not null,
    primary key (dataset_id, ordinal)
);
insert into dataset_column (dataset_id, ordinal, name, type)
select d.id, (c.ordinality - 1)::int, c.value ->> 'name', c.value ->> 'type'
from dataset d, jsonb_array_elements(d.columns::jsonb) with ordinality as c(value, ordinality);
alter table dataset drop column columns;

alter table dataset_row add column ordinal int;
update dataset_row r set ordinal = n.ordinal
from (select dataset_id, version, row_key,
             (row_number() over (partition by dataset_id, version order by row_key) - 1)::int as ordinal
      from dataset_row) n
where r.dataset_id = n.dataset_id and r.version = n.version and r.row_key = n.row_key;
alter table dataset_row alter column ordinal set not null;
create unique index dataset_row_in_order on dataset_row (dataset_id, version, ordinal);
