-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_search_idx ON public.orders (user_id, status, created_at, total_cents);
