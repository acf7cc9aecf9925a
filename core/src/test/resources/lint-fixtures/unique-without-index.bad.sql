ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE accounts ADD PRIMARY KEY (id);
ALTER TABLE users ADD COLUMN handle text UNIQUE;
