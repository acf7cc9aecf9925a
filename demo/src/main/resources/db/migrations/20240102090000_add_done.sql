-- migrate:up
alter table todo add column done boolean not null default false;

-- migrate:down
alter table todo drop column done;
