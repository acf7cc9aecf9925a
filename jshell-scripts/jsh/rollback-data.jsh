// bin/preflight eval rollback-data (--step N | --to V) [--repo NAME]: reverts data migrations with their down scripts.
int exit = eval.run(() -> {
    MigrateResult result = preflight.rollbackData(eval.target(true));
    eval.printResult(result);
});
/exit exit
