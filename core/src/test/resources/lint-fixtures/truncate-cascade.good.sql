SET lock_timeout = '2s';
SET statement_timeout = '30s';
TRUNCATE TABLE public.user_imports, public.user_import_rows;
