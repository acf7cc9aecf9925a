ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';
DELETE FROM pg_enum WHERE enumlabel = 'legacy';
