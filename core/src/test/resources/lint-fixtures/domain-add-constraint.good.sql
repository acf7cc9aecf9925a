SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.users ADD CONSTRAINT users_email_has_at CHECK (email LIKE '%@%') NOT VALID;
