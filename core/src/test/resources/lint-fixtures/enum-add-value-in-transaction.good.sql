SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- alone in its migration: the value is used by later migrations, after this one commits
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
