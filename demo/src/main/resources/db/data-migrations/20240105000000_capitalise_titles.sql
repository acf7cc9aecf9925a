-- A data migration: never run at start-up, only by hand (CLI migrate-data, or later rpc).
-- migrate:up
update todo set title = upper(left(title, 1)) || substr(title, 2) where title <> '';

-- migrate:down
-- Capitalising cannot be undone exactly; reverting only removes the history row.
select 1;
