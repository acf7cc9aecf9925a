// bin/preflight eval rollback (--step N | --to V) [--repo NAME]: reverts schema migrations with their down scripts.
// Rolling back is always explicit: without --step or --to this exits 2.
int exit = eval.run(() -> {
    MigrateResult result = preflight.rollback(eval.target(true));
    eval.printResult(result);
});
/exit exit
