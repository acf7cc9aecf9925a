CREATE TABLE public.tags (id bigserial PRIMARY KEY, name text);
