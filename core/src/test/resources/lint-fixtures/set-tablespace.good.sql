SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE TABLE public.event_archive (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload jsonb
) TABLESPACE fast_ssd;
