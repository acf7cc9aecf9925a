SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.users ADD COLUMN country text NOT NULL DEFAULT 'unknown';
