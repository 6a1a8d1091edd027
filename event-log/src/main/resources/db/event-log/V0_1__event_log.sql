-- The event log's two tables, in every service's own schema.

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka in
-- position order. A row is marked published only after Kafka acknowledged it.
create table event_outbox (
    position     bigserial   primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    envelope     text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index event_outbox_unpublished on event_outbox (position) where published_at is null;

-- Idempotent inbox: a consumer records each event id it applied in the same transaction as the
-- effect, so a redelivered event has no second effect.
create table event_inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
