package dev.preflight.command;

import dev.preflight.ConfigException;
import dev.preflight.Kind;
import dev.preflight.MigrateResult;
import dev.preflight.MigrationException;
import dev.preflight.Preflight;
import dev.preflight.StatusReport;
import dev.preflight.Target;
import dev.preflight.TaskArguments;
import dev.preflight.ValidationReport;
import dev.preflight.config.Suggestions;
import dev.preflight.lint.LintReport;
import dev.preflight.lint.Sarif;
import dev.preflight.task.TaskList;
import dev.preflight.task.TaskRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Every command, declared once: what the CLI, eval, rpc and the MBeans run, what {@code help} and README list. A
 * new verb or option is one declaration here (and its result type's renderings).
 *
 * <pre>{@code
 * Command<?> c = Commands.find("migrate");    // "stauts" -> ConfigException: did you mean status?
 * }</pre>
 */
public final class Commands {

    private static final String SARIF = "sarif";

    public static final Command<StatusReport> STATUS = Command.<StatusReport>named("status")
            .summary("every migration of each repo: up, down, FAILED, INTERRUPTED or FILE NOT FOUND")
            .repos(RepoPolicy.EVERY).readOnly()
            .prepares(scope -> scope.preflight()::status)
            .renders(StatusReport::toTable, StatusReport::toJson, "status")
            .build();

    public static final Command<MigrateResult> MIGRATE = Command.<MigrateResult>named("migrate")
            .usage("migrate [--step N | --to V]").summary("apply pending schema migrations")
            .options(Option.STEP, Option.TO).repos(RepoPolicy.EVERY)
            .prepares(scope -> run(scope, Kind.SCHEMA, false, Preflight::migrate))
            .renders(MigrateResult::toText, MigrateResult::toJson, "migrate-result")
            .build();

    public static final Command<MigrateResult> ROLLBACK = Command.<MigrateResult>named("rollback")
            .usage("rollback (--step N | --to V)").summary("revert schema migrations with their down scripts")
            .options(Option.STEP, Option.TO).repos(RepoPolicy.NAMED)
            .prepares(scope -> run(scope, Kind.SCHEMA, true, Preflight::rollback))
            .renders(MigrateResult::toText, MigrateResult::toJson, "migrate-result")
            .build();

    public static final Command<MigrateResult> MIGRATE_DATA = Command.<MigrateResult>named("migrate-data")
            .usage("migrate-data [--step N | --to V]").summary("run pending data migrations (only ever on request)")
            .options(Option.STEP, Option.TO).repos(RepoPolicy.EVERY)
            .prepares(scope -> run(scope, Kind.DATA, false, Preflight::migrateData))
            .renders(MigrateResult::toText, MigrateResult::toJson, "migrate-result")
            .build();

    public static final Command<MigrateResult> ROLLBACK_DATA = Command.<MigrateResult>named("rollback-data")
            .usage("rollback-data (--step N | --to V)").summary("revert data migrations")
            .options(Option.STEP, Option.TO).repos(RepoPolicy.NAMED)
            .prepares(scope -> run(scope, Kind.DATA, true, Preflight::rollbackData))
            .renders(MigrateResult::toText, MigrateResult::toJson, "migrate-result")
            .build();

    public static final Command<ValidationReport> VALIDATE = Command.<ValidationReport>named("validate")
            .summary("exit 1 if anything is pending, changed, missing, failed or interrupted (--json names which)")
            .repos(RepoPolicy.EVERY).readOnly()
            .prepares(scope -> scope.preflight()::validate)
            .renders(ValidationReport::toText, ValidationReport::toJson, "validation")
            .exit(report -> report.isValid() ? ExitCode.OK : ExitCode.FAILED)
            .build();

    public static final Command<Baselined> BASELINE = Command.<Baselined>named("baseline")
            .usage("baseline --version V").summary("mark a database Preflight has not migrated as being at version V")
            .options(Option.VERSION).repos(RepoPolicy.NAMED)
            .prepares(scope -> {
                String version = Target.to(scope.line().required(Option.VERSION)).version();
                Preflight preflight = scope.preflight();
                // Refused now, not by a job that fails later (the engine checks again under the lock).
                preflight.status().currentVersion().ifPresent(current -> {
                    throw new MigrationException("repo " + scope.repo() + " is at version " + current
                            + " already; baseline is only for a database Preflight has not migrated yet");
                });
                return () -> {
                    preflight.baseline(version);
                    return new Baselined(scope.repo(), version);
                };
            })
            .renders(Baselined::toText, Baselined::toJson, "baseline")
            .build();

    public static final Command<Repaired> REPAIR = Command.<Repaired>named("repair")
            .usage("repair [--mark-applied V | --remove V]")
            .summary("drop failed and interrupted history rows, accept changed files' checksums; or mend one migration")
            .options(Option.MARK_APPLIED, Option.REMOVE).repos(RepoPolicy.EVERY)
            .prepares(Commands::repair)
            .renders(Repaired::toText, Repaired::toJson, "repair")
            .build();

    public static final Command<LintReport> LINT = Command.<LintReport>named("lint")
            .usage("lint [--format F] [file-or-folder ...]")
            .summary("safety lint of every SQL migration, or of the files and folders given; exit 1 on a finding")
            .options(Option.FORMAT).words("[file-or-folder ...]")
            .repos(RepoPolicy.EVERY).readOnly()
            .prepares(Commands::lint)
            .renders(LintReport::toText, LintReport::toJson, "lint")
            .rendersWhole(line -> lintFormat(line).equals(SARIF), Sarif::of)
            .exit(report -> report.isClean() ? ExitCode.OK : ExitCode.FAILED)
            .build();

    public static final Command<TaskList> TASKS = Command.<TaskList>named("tasks")
            .summary("the tasks (built-in and the application's) with their parameters")
            .repos(RepoPolicy.DEFAULT).readOnly()
            .prepares(scope -> {
                Preflight preflight = scope.preflight();
                return () -> new TaskList(preflight.tasks());
            })
            .renders(TaskList::toText, TaskList::toJson, "tasks")
            .build();

    public static final Command<TaskRun> TASK = Command.<TaskRun>named("task")
            .usage("task <name> [name=value ...]").summary("run a task once, e.g. task analyze last=3")
            .requiredWords("<name> [name=value ...]",
                    "task needs a name: task <name> [name=value ...]; `tasks` lists them")
            .repos(RepoPolicy.DEFAULT)
            .prepares(Commands::task)
            .renders(TaskRun::toText, TaskRun::toJson, "task-run")
            .build();

    public static final Command<JobList> JOBS = Command.<JobList>named("jobs")
            .summary("the application's recent jobs (rpc only)").readOnly().runningOnly()
            .prepares(scope -> {
                JobBoard board = scope.jobs();
                return () -> new JobList(board.jobs());
            })
            .renders(JobList::toText, JobList::toJson, "jobs")
            .build();

    public static final Command<Help> HELP = Command.<Help>named("help")
            .usage("help [command]").summary("the commands, options, configuration keys and exit codes")
            .words("[command]").readOnly()
            .prepares(scope -> {
                Help help = Help.of(scope.surface(), scope.line().words());
                return () -> help;
            })
            .renders(Help::toText, Help::toJson, "help")
            .build();

    private static final List<Command<?>> ALL = List.of(STATUS, MIGRATE, ROLLBACK, MIGRATE_DATA, ROLLBACK_DATA,
            VALIDATE, BASELINE, REPAIR, LINT, TASKS, TASK, JOBS, HELP);

    private Commands() {
    }

    /** Every command, in the order help lists them. */
    public static List<Command<?>> all() {
        return ALL;
    }

    /**
     * The command named {@code name}.
     *
     * @throws ConfigException for an unknown name, with a "did you mean" and the known names
     */
    public static Command<?> find(String name) {
        for (Command<?> command : ALL) {
            if (command.name().equals(name)) {
                return command;
            }
        }
        List<String> names = ALL.stream().map(Command::name).toList();
        throw new ConfigException("unknown command '" + name + "'"
                + Suggestions.closest(name, names).map(s -> "; did you mean " + s + "?").orElse(".")
                + " The commands: " + String.join(", ", names));
    }

    /** migrate, rollback and their data twins: the target checked against the repo first. */
    private static Supplier<MigrateResult> run(Scope scope, Kind kind, boolean rollback,
                                               BiFunction<Preflight, Target, MigrateResult> verb) {
        Target target = TargetOptions.checked(scope, kind, rollback);
        Preflight preflight = scope.preflight();
        return () -> verb.apply(preflight, target);
    }

    /**
     * The repo's migrations, or the files and folders given (with the repo's lint settings); the format, and that
     * every path exists, checked first.
     */
    private static Supplier<LintReport> lint(Scope scope) {
        lintFormat(scope.line());
        List<Path> paths = scope.line().words().stream().map(Path::of).toList();
        if (!paths.isEmpty() && scope.surface() == Surface.RPC) {
            // The files of a running application's machine are not a remote user's to read.
            throw new ConfigException("lint of files runs where the files are: java -jar preflight-agent.jar lint"
                    + " <file-or-folder ...>; in a running application, lint checks its own migrations");
        }
        paths.stream().filter(p -> !Files.exists(p)).findFirst().ifPresent(p -> {
            throw new ConfigException("lint: " + p + " does not exist; name SQL files or folders of migrations");
        });
        Preflight preflight = scope.preflight();
        return () -> new LintReport(scope.repo(), paths.isEmpty() ? preflight.lint() : preflight.lint(paths));
    }

    /** lint's {@code --format}: text, json ({@code --json} too) or sarif. */
    private static String lintFormat(CommandLine line) {
        boolean json = line.flag(Option.JSON.name());
        String format = line.value(Option.FORMAT.name()).orElse(json ? "json" : "text");
        if (!List.of("text", "json", SARIF).contains(format)) {
            throw new ConfigException("--format takes text, json or sarif, not '" + format + "'; usage: "
                    + LINT.usage());
        }
        if (json && !format.equals("json")) {
            throw new ConfigException("--json and --format " + format + " ask for two outputs; give one of them");
        }
        return format;
    }

    /**
     * Every failed row dropped and changed checksums accepted, or with {@code --mark-applied V} / {@code --remove V}
     * one failed or interrupted migration mended; the version checked first.
     */
    private static Supplier<Repaired> repair(Scope scope) {
        Optional<String> markApplied = scope.line().value(Option.MARK_APPLIED.name());
        Optional<String> remove = scope.line().value(Option.REMOVE.name());
        if (markApplied.isPresent() && remove.isPresent()) {
            throw new ConfigException("give either --mark-applied or --remove, not both; usage: " + REPAIR.usage());
        }
        Preflight preflight = scope.preflight();
        if (markApplied.isEmpty() && remove.isEmpty()) {
            return () -> new Repaired(scope.repo(), preflight.repair());
        }
        String version = markApplied.orElseGet(remove::get);
        // Refused now, not by a job that fails later (the engine checks again under the lock).
        preflight.checkRepairable(version);
        return markApplied.isPresent() ? () -> new Repaired(scope.repo(), preflight.repairMarkApplied(version))
                : () -> new Repaired(scope.repo(), preflight.repairRemove(version));
    }

    private static Supplier<TaskRun> task(Scope scope) {
        List<String> words = scope.line().words();
        String name = words.get(0);
        Map<String, String> raw = TaskArguments.pairs(words.subList(1, words.size()));
        Preflight preflight = scope.preflight();
        TaskArguments checked = preflight.checkTask(name, raw);
        return () -> {
            long start = System.nanoTime();
            preflight.runTask(name, raw);
            return new TaskRun(scope.repo(), name, checked.asMap(), (System.nanoTime() - start) / 1_000_000);
        };
    }
}
