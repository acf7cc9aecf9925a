-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
SET lock_timeout = '2s';
SET statement_timeout = '1h';
CREATE TABLE IF NOT EXISTS public.audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_log_note_idx ON public.audit_log (note);
