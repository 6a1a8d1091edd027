-- The newest source revision (dataset version) carried along every active auto link out of one
-- source: a change that reaches 10^4 links out of one cell writes one row here instead of
-- updating 10^4 link rows. A link's effective propagated (and source-changed) revision is the
-- greater of its own column and this row's, once it has carried anything itself (LinkStore).
-- Narrow rows and room on each page keep its updates HOT.
create table link_source_progress (
    source_type        text   not null,
    source_document_id uuid   not null,
    source_ref         text   not null,   -- the links' canonical source (a cell, block or column[keys])
    carried_revision   bigint not null,
    primary key (source_type, source_document_id, source_ref)
) with (fillfactor = 50);
