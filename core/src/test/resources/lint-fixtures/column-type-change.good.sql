SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.users ADD COLUMN id_wide bigint;
-- written by both releases, backfilled in batches, then swapped in a later release
