-- migrate:up
-- a dbmate migration, run by Preflight in a transaction with its history row
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
