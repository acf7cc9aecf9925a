-- preflight:no-transaction
-- squawk-disable-assume-in-transaction
CREATE TABLE public.audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
CREATE INDEX CONCURRENTLY audit_log_note_idx ON public.audit_log (note);
