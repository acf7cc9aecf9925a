-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON public.users (email);
