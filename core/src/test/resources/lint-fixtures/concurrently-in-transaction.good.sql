-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_idx ON public.orders (user_id);
