SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ADD COLUMN total_cents bigint;
-- new rows get it from a trigger, old rows from a batched backfill in a later migration
