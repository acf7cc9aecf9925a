-- migrate:up
create table boot4_greeting (text text not null);
insert into boot4_greeting (text) values ('hello from the boot 4 jar');

-- migrate:down
drop table boot4_greeting;
