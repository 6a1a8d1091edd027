-- A publish inserts up to millions of row versions in one statement; the foreign key to dataset
-- checked each of them with a query of its own (a trigger per row). The publish holds the
-- dataset's row lock while it writes, and datasets are never removed (deletion sets deleted_at),
-- so the row versions' dataset exists without the check.
alter table dataset_row_version drop constraint dataset_row_version_dataset_id_fkey;
