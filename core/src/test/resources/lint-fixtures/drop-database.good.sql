-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
SET lock_timeout = '2s';
SET statement_timeout = '1h';
-- staging is dropped by hand by the on-call engineer; the migration only ends its sessions
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'staging';
