// bin/preflight eval tasks                              every task with its parameters
// bin/preflight eval task <name> [key=value ...]        runs one; wrong or missing arguments exit 2 and list them
// Tasks are the built-in ones and the application's (META-INF/services/dev.preflight.Task on its class path).
int exit = eval.run(() -> {
    Optional<String> name = eval.taskName();
    if (name.isEmpty()) {
        for (Task task : preflight.tasks()) {
            System.out.println(task.name() + "  " + task.description());
            for (TaskParameter parameter : task.parameters()) {
                System.out.println("    " + parameter.usage());
            }
        }
    } else {
        System.out.println(preflight.runTask(name.get(), eval.taskArguments()));
    }
});
/exit exit
