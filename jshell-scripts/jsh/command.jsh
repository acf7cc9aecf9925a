// bin/preflight eval <command> [options]: any command of the CLI (status, migrate, rollback, validate, task, ...),
// run by the command layer exactly as `java -jar preflight-agent.jar <command>` runs it: the same options, repos,
// output (--json too) and exit code, with the application's class path. `bin/preflight eval help` lists them.
/exit eval.runCommand()
