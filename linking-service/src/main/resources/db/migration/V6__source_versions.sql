-- A version per link source (workbook or dataset), taken from a sequence whenever a statement
-- inserts, updates or deletes a link out of it: propagation keeps a source's active links in
-- memory and reads them again only when this number moved (one index lookup instead of reading
-- 10^4 links per change). A sequence never hands out a number twice, even when the transaction
-- that took it rolls back, so a version seen once always means the same set of links.
create sequence link_source_version_seq;

create table link_source_version (
    source_type        text   not null,
    source_document_id uuid   not null,
    version            bigint not null,
    primary key (source_type, source_document_id)
);

insert into link_source_version (source_type, source_document_id, version)
select source_type, source_document_id, nextval('link_source_version_seq')
from (select distinct source_type, source_document_id from link order by 1, 2) s;

-- statement-level: a statement touching 10^4 links of one source moves its version once; rows are
-- upserted in key order so that statements touching several sources lock them in the same order
create function link_source_touched() returns trigger language plpgsql as $$
begin
    insert into link_source_version (source_type, source_document_id, version)
    select source_type, source_document_id, nextval('link_source_version_seq')
    from (select distinct source_type, source_document_id from changed order by 1, 2) s
    on conflict (source_type, source_document_id) do update set version = excluded.version;
    return null;
end;
$$;

create trigger link_inserted after insert on link referencing new table as changed
    for each statement execute function link_source_touched();
create trigger link_updated after update on link referencing new table as changed
    for each statement execute function link_source_touched();
create trigger link_deleted after delete on link referencing old table as changed
    for each statement execute function link_source_touched();
