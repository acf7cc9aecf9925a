UPDATE public.users SET plan = 'pro' WHERE id = 1;
