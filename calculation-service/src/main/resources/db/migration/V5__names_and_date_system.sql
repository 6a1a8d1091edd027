-- A workbook's date system: 1900 (Excel's default) or 1904 (a file saved with it, Excel for Mac's
-- old default), where serial 0 is 1904-01-01. Set when the workbook is created; never changes.
alter table workbook add column date_system smallint not null default 1900;

-- A snapshot holds what rebuilds the workbook: besides the sheets' contents, its defined names
-- (JSON: name, sheet or null for the workbook's, formula) and its date system.
alter table workbook_snapshot
    add column names       text,
    add column date_system smallint not null default 1900;
