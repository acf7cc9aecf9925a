ALTER TABLE users DROP COLUMN legacy_flag;
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE users RENAME TO accounts;
DROP TABLE old_sessions;
