SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- a data migration: one batch of the backfill, outside the transaction of the schema change
UPDATE public.users SET plan = 'free' WHERE id BETWEEN 1 AND 10000 AND plan IS NULL;
