-- migrate:up
insert into boot_greeting values ('hello from sql');
-- migrate:down
delete from boot_greeting where text = 'hello from sql';
