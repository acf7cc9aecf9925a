-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
SET lock_timeout = '2s';
SET statement_timeout = '1h';
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON public.users (email);
