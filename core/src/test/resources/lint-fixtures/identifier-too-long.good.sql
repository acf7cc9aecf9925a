CREATE TABLE public.subscription_renewal_reminders_sent (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
