SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE DOMAIN email_address AS text;
