SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- pg_repack --order-by rewrites it online later; this only records the index to order by
ALTER TABLE public.events CLUSTER ON events_created_at_idx;
