-- migrate:up
insert into quarkus_greeting (text) values ('hello from the quarkus jar');

-- migrate:down
delete from quarkus_greeting;
