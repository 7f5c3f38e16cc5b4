-- Keep 90 days of webhook deliveries; the nightly job deletes the rest in batches from now on.
SET lock_timeout = '5s';
SET statement_timeout = '10min';

DELETE FROM webhook_deliveries WHERE created_at < now() - interval '90 days';

CREATE INDEX CONCURRENTLY webhook_deliveries_created_at_idx ON webhook_deliveries (created_at);
DROP INDEX CONCURRENTLY IF EXISTS webhook_deliveries_endpoint_idx;
CREATE INDEX CONCURRENTLY webhook_deliveries_endpoint_created_idx ON webhook_deliveries (endpoint_id, created_at DESC);
