SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.users ADD COLUMN token uuid;
ALTER TABLE public.users ALTER COLUMN token SET DEFAULT gen_random_uuid();
-- existing rows get a token from a batched backfill in a later migration
