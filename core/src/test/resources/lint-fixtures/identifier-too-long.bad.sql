CREATE TABLE public.customer_subscription_renewal_reminder_notifications_sent_by_email (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
