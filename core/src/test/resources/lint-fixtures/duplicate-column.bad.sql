UPDATE public.users SET plan = 'free', plan = 'pro' WHERE id = 1;
