SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- expand: the new column first; the old one is dropped once no release reads it
ALTER TABLE public.users ADD COLUMN full_name text;
