-- A row without an envelope is a tombstone: the relay sends a null value for its key, which deletes
-- the key from a compacted state topic (Outbox.appendTombstone).
alter table event_outbox alter column envelope drop not null;
