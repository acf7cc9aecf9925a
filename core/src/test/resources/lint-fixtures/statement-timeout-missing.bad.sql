SET lock_timeout = '2s';
ALTER TABLE public.users ADD COLUMN nickname text;
