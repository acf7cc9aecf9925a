-- squawk-disable-assume-in-transaction
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
