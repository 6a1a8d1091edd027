-- The source revision each link last carried into its destination (null: not yet). A link whose
-- source document's latest revision is ahead of it is stale until propagated.
alter table link add column propagated_revision bigint;
