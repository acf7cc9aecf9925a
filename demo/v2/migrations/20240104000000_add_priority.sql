-- v2 of the demo ships one more migration, a backward-compatible one: v1 never names the column, so it keeps
-- working beside v2 during a rolling update. `./scripts/demo v2` adds this folder to the demo's own migrations.
-- migrate:up
alter table todo add column priority int;

-- migrate:down
alter table todo drop column priority;
