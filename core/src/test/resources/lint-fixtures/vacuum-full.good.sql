-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
VACUUM (ANALYZE) events;
