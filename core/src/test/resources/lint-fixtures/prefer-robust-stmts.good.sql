-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
CREATE TABLE IF NOT EXISTS public.audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_log_note_idx ON public.audit_log (note);
