-- migrate:up
create table boot_greeting (text text not null);
-- migrate:down
drop table boot_greeting;
