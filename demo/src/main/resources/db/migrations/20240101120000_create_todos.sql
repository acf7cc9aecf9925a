-- migrate:up
create table todo (
    id bigserial primary key,
    title text not null,
    created_at timestamptz not null default now()
);

-- migrate:down
drop table todo;
