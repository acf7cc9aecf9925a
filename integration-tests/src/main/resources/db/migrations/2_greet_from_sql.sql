-- migrate:up
insert into boot_greeting values ('hello from sql');
