create table users (id bigint);
