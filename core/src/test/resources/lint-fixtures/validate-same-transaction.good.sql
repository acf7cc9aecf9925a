SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- orders_total_check was added NOT VALID by an earlier migration
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_check;
