-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
REINDEX INDEX CONCURRENTLY users_email_idx;
