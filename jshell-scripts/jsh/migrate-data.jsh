// bin/preflight eval migrate-data [--step N | --to V] [--repo NAME]: pending data migrations, only ever on request.
int exit = eval.run(() -> {
    MigrateResult result = preflight.migrateData(eval.target(false));
    eval.printResult(result);
});
/exit exit
