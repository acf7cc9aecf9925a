-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
SET lock_timeout = '2s';
SET statement_timeout = '1h';
REINDEX INDEX CONCURRENTLY users_email_idx;
