SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE UNLOGGED TABLE public.event_cache (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload jsonb
);
