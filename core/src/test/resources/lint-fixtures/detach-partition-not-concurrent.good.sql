-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
SET lock_timeout = '2s';
SET statement_timeout = '1h';
ALTER TABLE public.events DETACH PARTITION events_2023 CONCURRENTLY;
