ALTER TABLE users ADD COLUMN settings json;
