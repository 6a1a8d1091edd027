-- Every change of a workbook is an immutable revision: the operation that produced it, in order.
-- A workbook's state at revision N is the replay of its operations 1..N; nothing is updated in
-- place. The primary key makes two writers of the same revision collide instead of interleaving.
create table workbook_revision (
    workbook_id uuid        not null references workbook (id),
    revision    bigint      not null,
    kind        text        not null,
    operation   text        not null,
    origin      text        not null,
    cell_count  int         not null,
    created_at  timestamptz not null default now(),
    primary key (workbook_id, revision)
);

-- Cells whose current content came from outside the workbook (a link), for "explain".
create table linked_cell (
    workbook_id     uuid   not null references workbook (id),
    sheet           text   not null,
    row_index       int    not null,
    col_index       int    not null,
    link_id         text   not null,
    source_revision bigint not null,
    revision        bigint not null,
    primary key (workbook_id, sheet, row_index, col_index)
);
