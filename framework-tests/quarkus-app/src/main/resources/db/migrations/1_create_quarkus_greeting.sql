-- migrate:up
create table quarkus_greeting (text text not null);

-- migrate:down
drop table quarkus_greeting;
