-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
