// bin/preflight eval status [--json] [--repo NAME]: every migration of the repo, up or down.
int exit = eval.run(() -> {
    StatusReport status = preflight.status();
    if (eval.flag("json")) {
        System.out.println(status.toJson());
    } else {
        System.out.print(status.toTable());
    }
});
/exit exit
