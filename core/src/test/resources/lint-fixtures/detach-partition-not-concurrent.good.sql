-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
ALTER TABLE public.events DETACH PARTITION events_2023 CONCURRENTLY;
