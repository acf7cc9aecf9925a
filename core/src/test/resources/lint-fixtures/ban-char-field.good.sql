CREATE TABLE public.countries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text);
