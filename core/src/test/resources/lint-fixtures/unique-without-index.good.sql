SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- users_email_idx was built by CREATE UNIQUE INDEX CONCURRENTLY in an earlier migration
ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
