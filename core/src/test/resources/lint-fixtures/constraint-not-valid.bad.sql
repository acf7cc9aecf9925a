ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total_cents >= 0);
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
