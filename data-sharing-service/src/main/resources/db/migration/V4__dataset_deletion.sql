-- A deleted dataset is kept (its versions stay for history and audit) but no read, publish or
-- grant finds it any more; DatasetDeleted tells the other services.
alter table dataset add column deleted_at timestamptz;
