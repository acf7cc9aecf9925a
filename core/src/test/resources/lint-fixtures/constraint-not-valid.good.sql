SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users (id) NOT VALID;
ALTER TABLE public.orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0) NOT VALID;
ALTER TABLE public.orders ADD COLUMN coupon_id bigint;
