CREATE TABLE public.ratings (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stars smallint);
