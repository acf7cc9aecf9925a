-- A slow migration the test controls: it waits for the advisory lock 4242 the test holds, then sleeps a little.
select pg_advisory_xact_lock_shared(4242);
select pg_sleep(0.5);
