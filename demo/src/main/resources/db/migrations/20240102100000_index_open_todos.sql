-- migrate:up transaction:false
create index concurrently if not exists todo_open on todo (created_at) where not done;

-- migrate:down transaction:false
drop index concurrently if exists todo_open;
