SET lock_timeout = '2s';
SET statement_timeout = '30s';
-- daily_totals has a unique index, which CONCURRENTLY needs
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;
