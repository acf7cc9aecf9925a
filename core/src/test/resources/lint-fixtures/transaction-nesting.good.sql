SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.users ADD COLUMN nickname text;
