-- Outbox rows the broker refused for good (RecordTooLargeException: larger than the topic's or broker's
-- message size limit): moved here by the relay, with the reason, so that the events behind them are not held
-- up for ever. An operator reads them here (the relay also logs each and counts ledgerflow.outbox.parked).
-- Versioned 0.3.1 to leave 0.3 to other event-log changes.
create table event_outbox_parked (
    position    bigint      primary key,
    event_id    uuid        not null,
    topic       text        not null,
    message_key text        not null,
    envelope    text,
    created_at  timestamptz not null,
    parked_at   timestamptz not null default now(),
    reason      text        not null
);
