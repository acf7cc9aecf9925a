SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'canceled';
