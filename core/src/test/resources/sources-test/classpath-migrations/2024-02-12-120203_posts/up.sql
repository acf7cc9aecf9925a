create table posts (id bigint);
