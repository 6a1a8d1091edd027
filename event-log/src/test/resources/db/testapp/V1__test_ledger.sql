-- A tiny producing aggregate and a consuming read model, to exercise outbox and inbox end to end.
create table account (
    id      text   primary key,
    balance bigint not null,
    posts   int    not null
);
create table balance_view (
    account_id text   primary key,
    total      bigint not null,
    applied    int    not null
);
