package dev.preflight.cli;

import dev.preflight.ConfigException;
import dev.preflight.MigrateResult;
import dev.preflight.MigrationException;
import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.PreflightException;
import dev.preflight.RepoConfig;
import dev.preflight.StatusReport;
import dev.preflight.Target;
import dev.preflight.TaskArguments;
import dev.preflight.ValidationReport;
import dev.preflight.agent.AgentLogging;
import dev.preflight.agent.ExitCodes;
import dev.preflight.config.ConfigKey;
import dev.preflight.config.ConfigKeys;
import dev.preflight.lint.LintReport;
import dev.preflight.lint.LintSettings;
import dev.preflight.lint.Linter;
import dev.preflight.lint.Sarif;
import dev.preflight.progress.ProgressLines;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line: {@code java -jar preflight-agent.jar [options] <command> [args]}, for init containers,
 * CI and scripts. A thin shell over {@link Preflight}: it parses arguments, calls one verb per repo, prints
 * the engine's own renderings and maps errors to {@link ExitCodes}.
 *
 * <pre>
 * java -jar preflight-agent.jar --url=jdbc:postgresql://db/app --user=app status
 * java -jar preflight-agent.jar migrate --step 1
 * java -jar preflight-agent.jar rollback --repo main --to 20240101120000
 * java -jar preflight-agent.jar lint --format=sarif db/migrations
 * java -jar preflight-agent.jar task analyze last=3
 * </pre>
 */
public final class PreflightCli {

    private static final List<String> COMMANDS = List.of("status", "migrate", "rollback", "migrate-data",
            "rollback-data", "validate", "baseline", "repair", "lint", "tasks", "task", "help");

    private PreflightCli() {
    }

    public static void main(String[] args) {
        AgentLogging.configure();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command with the standard configuration sources; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, overrides -> PreflightConfig.load(PreflightCli.class.getClassLoader(), overrides));
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with the configuration loaded by {@code load}. */
    static int run(String[] args, PrintStream out, PrintStream err, Function<Map<String, String>, PreflightConfig> load) {
        CliArguments arguments = null;
        try {
            arguments = CliArguments.parse(args, COMMANDS);
            if (arguments.flag("version") && arguments.command() == null) {
                out.println("preflight " + version());
                return 0;
            }
            if (arguments.command() == null || arguments.flag("help") || arguments.command().equals("help")) {
                if (arguments.command() == null && !arguments.flag("help")) {
                    throw new ConfigException("no command given. " + usageHint());
                }
                out.print(help());
                return 0;
            }
            return execute(arguments, load.apply(arguments.settings()), out);
        } catch (RuntimeException e) {
            err.println("preflight: " + e.getMessage());
            if (e instanceof ConfigException) {
                err.println(usageHint());
            }
            if (arguments != null && arguments.flag("verbose") || !(e instanceof PreflightException)) {
                e.printStackTrace(err);
            }
            return ExitCodes.of(e);
        }
    }

    private static int execute(CliArguments a, PreflightConfig config, PrintStream out) {
        String command = a.command();
        if (command.equals("lint")) {
            return lint(a, config, out);
        }
        List<String> repos = repos(a, config, command);
        int exit = 0;
        List<String> json = new ArrayList<>();
        MigrationListener progress = printingProgress(out);
        for (String repo : repos) {
            try (Preflight preflight = Preflight.open(config.repo(repo), null, progress)) {
                switch (command) {
                    case "status" -> {
                        StatusReport status = preflight.status();
                        if (a.flag("json")) {
                            json.add(status.toJson());
                        } else {
                            out.print(status.toTable());
                        }
                    }
                    case "migrate" -> print(out, preflight.migrate(target(a, false)));
                    case "migrate-data" -> print(out, preflight.migrateData(target(a, false)));
                    case "rollback" -> print(out, preflight.rollback(target(a, true)));
                    case "rollback-data" -> print(out, preflight.rollbackData(target(a, true)));
                    case "validate" -> {
                        ValidationReport report = preflight.validate();
                        if (report.isValid()) {
                            out.println("validate " + repo + ": ok");
                        } else {
                            out.println("validate " + repo + ": " + report.problems().size() + " problem(s)");
                            report.problems().forEach(p -> out.println("  - " + p));
                            exit = ExitCodes.FAILED;
                        }
                    }
                    case "baseline" -> {
                        String version = a.value("version")
                                .orElseThrow(() -> new ConfigException("baseline needs --version V"));
                        preflight.baseline(version);
                        out.println("baseline " + repo + ": migrations up to " + version + " count as applied");
                    }
                    case "repair" -> {
                        List<String> actions = preflight.repair();
                        out.println("repair " + repo + ": " + (actions.isEmpty() ? "nothing to repair" : ""));
                        actions.forEach(action -> out.println("  - " + action));
                    }
                    case "tasks" -> preflight.tasks().forEach(task -> {
                        out.println(task.name() + "  " + task.description());
                        task.parameters().forEach(p -> out.println("  " + p.usage()));
                    });
                    case "task" -> {
                        List<String> operands = a.words();
                        if (operands.isEmpty()) {
                            throw new ConfigException("task needs a name: task <name> [name=value ...];"
                                    + " list the tasks with `tasks`");
                        }
                        out.println(preflight.runTask(operands.get(0),
                                TaskArguments.pairs(operands.subList(1, operands.size()))));
                    }
                    default -> throw new ConfigException("unknown command " + command);
                }
            }
        }
        if (!json.isEmpty()) {
            out.println(json.size() == 1 ? json.get(0) : "[" + String.join(",", json) + "]");
        }
        return exit;
    }

    /**
     * {@code lint [--format=text|json|sarif] [file-or-folder ...]}: the repos' migrations (every repo unless --repo),
     * or the given files and folders with the settings of --repo (default: the first repo). Exit 1 on any finding.
     */
    private static int lint(CliArguments a, PreflightConfig config, PrintStream out) {
        String format = a.flag("json") ? "json" : a.value("format").orElse("text");
        if (!List.of("text", "json", "sarif").contains(format)) {
            throw new ConfigException("--format takes text, json or sarif, not '" + format + "'");
        }
        List<LintReport> reports = new ArrayList<>();
        if (!a.words().isEmpty()) {
            List<Path> paths = a.words().stream().map(Path::of).toList();
            paths.stream().filter(p -> !Files.exists(p)).findFirst().ifPresent(p -> {
                throw new ConfigException("lint: " + p + " does not exist; name SQL files or folders of migrations");
            });
            RepoConfig repo = config.repo(a.value("repo").orElse(config.defaultRepo().name()));
            reports.add(new LintReport(repo.name(), Linter.lintFiles(paths, LintSettings.of(repo))));
        } else {
            for (String repo : repos(a, config, "lint")) {
                try (Preflight preflight = Preflight.open(config.repo(repo), null, MigrationListener.NONE)) {
                    reports.add(new LintReport(repo, preflight.lint()));
                }
            }
        }
        switch (format) {
            case "json" -> out.println(LintReport.toJson(reports));
            case "sarif" -> out.println(Sarif.of(reports));
            default -> reports.forEach(r -> out.print(r.toText()));
        }
        return reports.stream().allMatch(LintReport::ok) ? 0 : ExitCodes.FAILED;
    }

    /**
     * Prints task lines and backfill progress to {@code out} as they happen, like the migrations' own lines: the
     * listener of the CLI and of {@code bin/preflight eval}.
     */
    public static MigrationListener printingProgress(PrintStream out) {
        return new MigrationListener() {
            @Override
            public void progress(String repo, String operation, long done, long total, String message) {
                out.println("  " + ProgressLines.format(done, total, message));
            }
        };
    }

    /** The repos a command runs on: the one named by --repo, else all; changing a chosen point needs one repo. */
    private static List<String> repos(CliArguments a, PreflightConfig config, String command) {
        if (a.value("repo").isPresent()) {
            String repo = a.value("repo").get();
            config.repo(repo); // an unknown repo is a ConfigException listing the known ones
            return List.of(repo);
        }
        List<String> all = config.repoNames();
        if (command.equals("tasks")) {
            return List.of(config.defaultRepo().name()); // every repo has the same tasks
        }
        boolean pointed = a.value("step").isPresent() || a.value("to").isPresent();
        boolean needsOne = command.startsWith("rollback") || command.equals("baseline") || command.equals("task")
                || pointed;
        if (all.size() > 1 && needsOne) {
            throw new ConfigException(command + " with several repos (" + String.join(", ", all)
                    + ") needs --repo NAME: it never runs on every repo at once");
        }
        return all;
    }

    /** The target of {@code --step N} / {@code --to V}; none is every pending one, or an error for a rollback. */
    public static Target target(CliArguments a, boolean rollback) {
        var step = a.value("step");
        var to = a.value("to");
        if (step.isPresent() && to.isPresent()) {
            throw new ConfigException("give either --step or --to, not both");
        }
        if (step.isPresent()) {
            try {
                return Target.step(Integer.parseInt(step.get()));
            } catch (NumberFormatException e) {
                throw new ConfigException("--step takes a whole number, got '" + step.get() + "'");
            }
        }
        if (to.isPresent()) {
            return Target.to(to.get());
        }
        if (rollback) {
            throw new ConfigException("rollback needs --step N or --to V: rolling back is always explicit");
        }
        return Target.all();
    }

    /** One line per applied or reverted migration, then the summary: the CLI's rendering of a result. */
    public static void print(PrintStream out, MigrateResult result) {
        boolean reverting = result.operation().startsWith("rollback");
        for (MigrateResult.Applied m : result.migrations()) {
            out.println("  " + (reverting ? "reverted " : "applied ") + m.id() + " " + m.name() + " (" + m.millis()
                    + " ms)");
        }
        out.println(result.summary());
    }

    private static String version() {
        String version = PreflightCli.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private static String usageHint() {
        return "Run `java -jar preflight-agent.jar help` for the commands and options.";
    }

    static String help() {
        StringBuilder out = new StringBuilder("""
                Usage: java -jar preflight-agent.jar [options] <command> [args]

                Commands:
                  status [--json]                   every migration: up, down, ** FILE NOT FOUND **
                  migrate [--step N | --to V]       apply pending schema migrations (all repos unless --repo)
                  rollback (--step N | --to V)      revert schema migrations with their down scripts
                  migrate-data [--step N | --to V]  run pending data migrations
                  rollback-data (--step N | --to V) revert data migrations
                  validate                          exit 1 if anything is pending, changed, missing or failed
                  baseline --version V              mark a database as being at version V
                  repair                            drop failed rows, accept changed checksums
                  lint [--format=F] [path ...]      safety lint of every SQL migration (up and down), or of the
                                                    given files/folders; F: text, json or sarif; exit 1 on a finding
                  tasks                             the tasks (built-in and the app's) with their parameters
                  task <name> [name=value ...]      run a task once, e.g. task analyze last=3; exit 1 if it fails
                  help, --version

                Options:
                  --repo NAME          the repo to work on (default: every repo for migrate/status/validate/repair/lint;
                                       rollback, baseline and task need it when there are several repos)
                  --config FILE        a properties file of settings
                  --verbose, -v        stack traces with errors
                  --<key>=VALUE        any configuration key below (also as --<key> VALUE)

                Configuration keys (also PREFLIGHT_<KEY> in the environment and -Dpreflight.<key>):
                """);
        for (ConfigKey key : ConfigKeys.all()) {
            String def = key.defaultText() == null || key.defaultText().isEmpty() ? "" : " [" + key.defaultText() + "]";
            out.append(String.format("  --%-20s %s%s%n", key.name(), key.description(), def));
        }
        out.append("""

                Exit codes: 0 ok, 1 a migration or validation failed, 2 usage or configuration error,
                            3 database unreachable, 4 gave up waiting for the migration lock.
                """);
        return out.toString();
    }
}
