// bin/preflight eval migrate [--step N | --to V] [--repo NAME]: pending schema migrations (all of them by default).
int exit = eval.run(() -> {
    MigrateResult result = preflight.migrate(eval.target(false));
    eval.printResult(result);
});
/exit exit
