-- migrate:up
create table boot_greeting (text text not null);
