ALTER TABLE users ADD COLUMN plan text;
UPDATE users SET plan = 'free';
