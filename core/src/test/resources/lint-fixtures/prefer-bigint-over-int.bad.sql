CREATE TABLE public.invoices (id int PRIMARY KEY, total_cents bigint);
