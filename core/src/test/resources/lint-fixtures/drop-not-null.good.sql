SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- the release before this one already copes with a null phone
-- preflight:allow drop-not-null
-- squawk-ignore ban-drop-not-null
ALTER TABLE public.users ALTER COLUMN phone DROP NOT NULL;
