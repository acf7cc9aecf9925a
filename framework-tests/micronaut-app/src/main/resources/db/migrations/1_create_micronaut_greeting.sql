-- migrate:up
create table micronaut_greeting (text text not null);
insert into micronaut_greeting (text) values ('hello from the micronaut jar');

-- migrate:down
drop table micronaut_greeting;
