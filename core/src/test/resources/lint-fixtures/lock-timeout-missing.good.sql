SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE TRIGGER users_audit AFTER UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION audit_row();
