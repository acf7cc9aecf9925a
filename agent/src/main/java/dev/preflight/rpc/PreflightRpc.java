package dev.preflight.rpc;

import dev.preflight.ConfigException;
import dev.preflight.Target;
import dev.preflight.TaskArguments;
import dev.preflight.logging.AgentLogging;
import dev.preflight.cli.CliArguments;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bin/preflight rpc <target> <op> [args]}: runs one of the MBeans' operations in a running JVM and waits for
 * its job, printing progress. Started as {@code java -cp preflight-agent.jar dev.preflight.rpc.PreflightRpc}.
 *
 * <pre>
 * bin/preflight rpc 12345 status --url=jdbc:postgresql://db/app       # a pid: attach, load the agent if needed
 * bin/preflight rpc service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi migrate --step 1
 * PREFLIGHT_RPC_PASSWORD=... bin/preflight rpc http://127.0.0.1:8778/jolokia --user ops rollback --step 1
 * </pre>
 *
 * <p>Exit codes: 0 ok; 1 the job (or validate/lint) failed; 2 bad usage or an operation the target rejected (e.g.
 * wrong task arguments); 3 the target cannot be reached or refused the credentials.
 */
public final class PreflightRpc {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    static final List<String> OPS = List.of("status", "migrate", "rollback", "migrate-data", "rollback-data",
            "validate", "lint", "jobs", "tasks", "task", "help");

    private static final String TASKS = "dev.preflight:type=Tasks";
    private static final String REPOSITORIES = "dev.preflight:type=Repository,*";
    private static final long POLL_MILLIS = 200;

    private PreflightRpc() {
    }

    public static void main(String[] args) {
        AgentLogging.configure();
        System.exit(run(args, System.out, System.err, System.getenv("PREFLIGHT_RPC_PASSWORD")));
    }

    /** Runs one operation; returns the exit code. {@code password} is the rpc password (env), or null. */
    public static int run(String[] args, PrintStream out, PrintStream err, String password) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            (args.length == 0 ? err : out).print(usage());
            return args.length == 0 ? USAGE : OK;
        }
        String target = args[0];
        try {
            if (Targets.kind(target) == null) {
                throw RpcException.rejected("not a target: '" + Targets.printable(target) + "'; give a pid, a JMX"
                        + " service URL or a Jolokia URL");
            }
            CliArguments a = CliArguments.parse(List.of(args).subList(1, args.length).toArray(String[]::new), OPS);
            if (a.command() == null || a.command().equals("help")) {
                throw RpcException.rejected("no operation given");
            }
            if (a.command().equals("task") && a.words().isEmpty()) {
                throw RpcException.rejected("task needs a name: task <name> [k=v ...]; `tasks` lists them");
            }
            Map<String, String> settings = new HashMap<>(a.settings());
            String user = null;
            if (!Targets.kind(target).equals("pid")) {
                user = settings.remove("user");
                if (!settings.isEmpty()) {
                    throw RpcException.rejected("--" + String.join(", --", settings.keySet()) + ": settings are"
                            + " only for a pid target (they configure the agent loaded into it); a JMX or Jolokia"
                            + " target has its own (--user is the JMX/Jolokia user, the password comes from"
                            + " PREFLIGHT_RPC_PASSWORD)");
                }
            }
            try (RpcClient client = Targets.connect(target, settings, user, password, err)) {
                return new Operation(client, a, out, err).run();
            }
        } catch (RpcException e) {
            err.println("preflight: " + e.getMessage());
            if (e.exitCode() == USAGE && e.getMessage().startsWith("no operation")) {
                err.print(usage());
            }
            return e.exitCode();
        } catch (ConfigException e) {
            err.println("preflight: " + e.getMessage());
            err.println("Run `bin/preflight rpc help` for the operations and options.");
            return USAGE;
        } catch (RuntimeException e) {
            err.println("preflight: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private static String repoOf(String beanName) {
        try {
            return new ObjectName(beanName).getKeyProperty("name");
        } catch (MalformedObjectNameException e) {
            throw RpcException.rejected("the target lists a bean with a name that does not parse: " + beanName);
        }
    }

    /** One operation against one client: the MBeans' verbs, written once for JMX and Jolokia. */
    private static final class Operation {

        private final RpcClient client;
        private final CliArguments a;
        private final PrintStream out;
        private final PrintStream err;

        Operation(RpcClient client, CliArguments a, PrintStream out, PrintStream err) {
            this.client = client;
            this.a = a;
            this.out = out;
            this.err = err;
        }

        /**
         * {@code --repo}, else {@code main}, else the target's only repository; with several and none of them
         * {@code main}, the user must choose (as the CLI asks for {@code --repo} where one repo must be picked).
         */
        private String repo() {
            Optional<String> given = a.value("repo");
            if (given.isPresent()) {
                return given.get();
            }
            List<String> repos = client.names(REPOSITORIES).stream().map(PreflightRpc::repoOf).sorted().toList();
            if (repos.isEmpty() || repos.contains("main")) {
                // None at all: the call on main then says that the agent is not loaded there.
                return "main";
            }
            if (repos.size() == 1) {
                return repos.get(0);
            }
            throw RpcException.rejected("the target has several repos (" + String.join(", ", repos)
                    + "): pass --repo NAME");
        }

        int run() {
            switch (a.command()) {
                case "jobs", "tasks", "task" -> {
                    return runWithoutRepo();
                }
                default -> {
                    return runOnRepo("dev.preflight:type=Repository,name=" + repo());
                }
            }
        }

        private int runOnRepo(String bean) {
            switch (a.command()) {
                case "status" -> {
                    print(client.invoke(bean, a.flag("json") ? "statusJson" : "status"));
                    return OK;
                }
                case "validate" -> {
                    String report = String.valueOf(client.invoke(bean, "validate"));
                    print(report);
                    return report.strip().equals("valid") ? OK : FAILED;
                }
                case "lint" -> {
                    String report = String.valueOf(client.invoke(bean, "lint"));
                    print(report);
                    return report.strip().endsWith(": ok") ? OK : FAILED;
                }
                case "migrate" -> {
                    Target t = target(a, false);
                    return await(t.isAll() ? client.invoke(bean, "migrate")
                            : t.version() != null ? client.invoke(bean, "migrateTo", t.version())
                            : client.invoke(bean, "migrateStep", Integer.toString(t.steps())));
                }
                case "rollback" -> {
                    Target t = target(a, true);
                    return await(t.version() != null ? client.invoke(bean, "rollbackTo", t.version())
                            : client.invoke(bean, "rollbackStep", Integer.toString(t.steps())));
                }
                case "migrate-data" -> {
                    Target t = target(a, false);
                    if (t.version() != null) {
                        throw RpcException.rejected("migrate-data over rpc takes --step N or nothing (the MBean has"
                                + " no migrate-data --to)");
                    }
                    return await(t.isAll() ? client.invoke(bean, "migrateData")
                            : client.invoke(bean, "migrateDataStep", Integer.toString(t.steps())));
                }
                case "rollback-data" -> {
                    Target t = target(a, true);
                    if (t.version() != null) {
                        throw RpcException.rejected("rollback-data over rpc takes --step N (the MBean has no"
                                + " rollback-data --to)");
                    }
                    return await(client.invoke(bean, "rollbackDataStep", Integer.toString(t.steps())));
                }
                default -> throw RpcException.rejected("unknown operation " + a.command());
            }
        }

        private int runWithoutRepo() {
            switch (a.command()) {
                case "jobs" -> {
                    Object jobs = client.read(Targets.JOBS, "Jobs");
                    if (jobs instanceof List<?> list && !list.isEmpty()) {
                        list.forEach(job -> out.println(describe((Map<?, ?>) job)));
                    } else {
                        out.println("no jobs");
                    }
                    return OK;
                }
                case "tasks" -> {
                    Object tasks = client.read(TASKS, "Tasks");
                    if (tasks instanceof List<?> list && !list.isEmpty()) {
                        for (Object each : list) {
                            Map<?, ?> info = (Map<?, ?>) each;
                            out.println(info.get("name") + "  " + Objects.toString(info.get("description"), ""));
                            if (info.get("parameters") instanceof List<?> parameters) {
                                parameters.forEach(p -> out.println("    " + p));
                            }
                        }
                    } else {
                        out.println("no tasks");
                    }
                    return OK;
                }
                case "task" -> {
                    List<String> words = a.words();
                    String name = words.get(0);
                    TaskArguments.pairs(words.subList(1, words.size())); // the CLI's check: each word name=value
                    // The MBean's text form: pairs joined by commas (a comma not followed by name= stays in the value).
                    String pairs = String.join(",", words.subList(1, words.size()));
                    return await(a.value("repo").isPresent()
                            ? client.invoke(TASKS, "runInRepo", a.value("repo").get(), name, pairs)
                            : client.invoke(TASKS, "run", name, pairs));
                }
                default -> throw RpcException.rejected("unknown operation " + a.command());
            }
        }

        /** Follows a job until it ends, printing its new log lines on stderr. */
        private int await(Object jobId) {
            String id = String.valueOf(jobId);
            long printed = 0;
            while (true) {
                Object answer = client.invoke(Targets.JOBS, "job", id);
                if (!(answer instanceof Map<?, ?> job)) {
                    throw new RpcException(FAILED, "job " + id + " is unknown to the target (did it restart?)");
                }
                // The job keeps its last lines only; logTotal counts them all, so lines are never printed twice and
                // none is missed while it still holds them.
                List<?> log = job.get("log") instanceof List<?> l ? l : List.of();
                long total = job.get("logTotal") instanceof Number n ? n.longValue() : log.size();
                for (long line = Math.max(printed, total - log.size()); line < total; line++) {
                    err.println("  " + log.get((int) (line - (total - log.size()))));
                }
                printed = total;
                String state = String.valueOf(job.get("state"));
                if (state.equals("succeeded")) {
                    boolean counted = job.get("total") instanceof Number t && t.intValue() > 0;
                    out.println(job.get("operation") + " " + job.get("repo") + ": job " + id + " succeeded"
                            + (counted ? " (" + number(job.get("done")) + " done)" : ""));
                    return OK;
                }
                if (state.equals("failed")) {
                    err.println("preflight: job " + id + " (" + job.get("operation") + " " + job.get("repo")
                            + ") failed: " + job.get("error"));
                    return FAILED;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RpcException(FAILED, "interrupted while waiting for job " + id
                            + "; it keeps running in the target");
                }
            }
        }

        private void print(Object text) {
            String s = String.valueOf(text);
            out.print(s.endsWith("\n") ? s : s + "\n");
        }
    }

    private static Target target(CliArguments a, boolean rollback) {
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

    private static String describe(Map<?, ?> job) {
        return String.format("%-4s %-9s %-14s %-8s %s/%s%s%s", job.get("id"), job.get("state"), job.get("operation"),
                job.get("repo"), number(job.get("done")), number(job.get("total")),
                job.get("started") != null ? "  started " + job.get("started") : "",
                job.get("error") != null ? "  error: " + job.get("error") : "");
    }

    private static String number(Object value) {
        return value instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(value);
    }

    static String usage() {
        return """
                Usage: bin/preflight rpc <target> <operation> [options]

                Targets:
                  <pid>                                      a JVM on this machine (attach API); without the agent,
                                                             it is loaded (never migrates); --url=... etc. configure it
                  service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi   a JMX connector (--user; password in env)
                  http://HOST:PORT/jolokia                   Jolokia (--user; password in env PREFLIGHT_RPC_PASSWORD)

                Operations:
                  status [--json]                the status table (or JSON, as the CLI's)
                  migrate [--step N | --to V]    apply pending schema migrations (as a job; waits for it)
                  rollback (--step N | --to V)   revert schema migrations
                  migrate-data [--step N]        run pending data migrations
                  rollback-data --step N         revert data migrations
                  validate                       exit 1 if anything is pending, changed, missing or failed
                  lint                           the safety lint; exit 1 on a hazard
                  jobs                           recent jobs
                  tasks                          the tasks with their parameters
                  task <name> [k=v ...]          run a task

                Options: --repo NAME (default main, or the target's only repo), --user NAME (JMX/Jolokia), --<key>=VALUE (pid targets only)

                Exit codes: 0 ok, 1 the job (or validate/lint) failed, 2 bad usage or the target rejected the
                            operation (e.g. wrong task arguments), 3 the target cannot be reached or refused
                            the credentials.
                """;
    }
}
