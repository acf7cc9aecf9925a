package dev.preflight.command;

import dev.preflight.config.ConfigKey;
import dev.preflight.config.ConfigKeys;
import dev.preflight.text.Json;
import dev.preflight.text.Table;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code help}, printed from the declarations ({@link Commands}, {@link Option}, {@link RepoPolicy},
 * {@link ExitCode}), as are README's command and exit-code tables ({@link #commandsTable()},
 * {@link #exitCodesTable()}), so that the two never disagree.
 *
 * <pre>{@code
 * System.out.print(Help.of(Surface.CLI, List.of()).toText());
 * }</pre>
 */
public final class Help {

    private final Surface surface;
    private final Command<?> command;

    private Help(Surface surface, Command<?> command) {
        this.surface = surface;
        this.command = command;
    }

    /** The help of a surface, or of one command when {@code words} names it. */
    public static Help of(Surface surface, List<String> words) {
        return new Help(surface, words.isEmpty() ? null : Commands.find(words.get(0)));
    }

    /** The commands this surface runs. */
    private List<Command<?>> commands() {
        return Commands.all().stream().filter(c -> surface == Surface.RPC || c.isLocal()).toList();
    }

    public String toText() {
        return command != null ? commandText(command) : surfaceText();
    }

    private String commandText(Command<?> c) {
        StringBuilder out = new StringBuilder("Usage: " + surface.prefix() + " " + c.usage() + " [options]\n\n")
                .append(c.summary()).append("\n\n");
        Table options = Table.plain();
        c.options().forEach(o -> options.row("  " + o.usage(), o.description()));
        if (c.policy() != RepoPolicy.NONE) {
            options.row("  " + Option.REPO.usage(), "the repo; without it: " + c.policy().withoutRepo(c));
        }
        options.row("  " + Option.JSON.usage(), "the result as JSON, schema " + c.schema() + " (see README)");
        out.append("Options:\n").append(options);
        out.append(c.isReadOnly() ? "It changes nothing.\n" : "It changes the database; in a running application it"
                + " runs as a job.\n");
        return out.toString();
    }

    private String surfaceText() {
        StringBuilder out = new StringBuilder(switch (surface) {
            case CLI -> "Usage: java -jar preflight-agent.jar [options] <command> [args]\n";
            case EVAL -> "Usage: bin/preflight [-cp CLASSPATH] eval <command> [options]   a command in a fresh JVM"
                    + " (a pool of 2 connections)\n"
                    + "       bin/preflight [-cp CLASSPATH] eval -e '<java expression or statements>' [options]\n"
                    + "       bin/preflight [-cp CLASSPATH] eval <file.jsh> [options]   your script, with `preflight`"
                    + " and `eval` in scope\n"
                    + "       bin/preflight rpc <target> <command> [options]   in a running JVM (bin/preflight rpc"
                    + " help)\n\n"
                    + "-cp/--classpath (or PREFLIGHT_CLASSPATH): the application's class path, so that its classpath"
                    + " migrations,\nJava migrations and tasks are found. Environment: PREFLIGHT_JAR (the agent jar),"
                    + " JAVA_HOME,\nPREFLIGHT_CLASSPATH, PREFLIGHT_RPC_PASSWORD.\n";
            case RPC -> "Usage: bin/preflight rpc <target> <command> [options]   in a running JVM\n\n"
                    + "Targets:\n"
                    + "  <pid>                                            a JVM on this machine (attach API); without"
                    + " the agent,\n"
                    + "                                                   it is loaded (never migrates); --url=... etc."
                    + " configure it\n"
                    + "  service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi   a JMX connector (--user; password in"
                    + " PREFLIGHT_RPC_PASSWORD)\n"
                    + "  http://HOST:PORT/jolokia                         Jolokia (--user; password in"
                    + " PREFLIGHT_RPC_PASSWORD)\n"
                    + "  https://HOST:PORT/jolokia                        Jolokia over TLS (--trust FILE for a"
                    + " certificate the JDK does not trust)\n";
        });
        out.append("\nCommands:\n");
        Table commands = Table.plain();
        commands().forEach(c -> commands.row("  " + c.usage(), c.summary()));
        out.append(commands);
        out.append("\nOptions:\n");
        Table options = Table.plain();
        options.row("  " + Option.REPO.usage(), "the repo; without it, as below");
        for (Option o : List.of(Option.JSON, Option.VERBOSE, Option.HELP)) {
            options.row("  " + o.usage(), o.description());
        }
        switch (surface) {
            case CLI, EVAL -> {
                options.row("  --config FILE", "a properties file of settings");
                options.row("  --<key>=VALUE", "any configuration key (also --<key> VALUE, PREFLIGHT_<KEY>,"
                        + " -Dpreflight.<key>)");
            }
            case RPC -> {
                options.row("  --user NAME", "the JMX or Jolokia user (the password only from PREFLIGHT_RPC_PASSWORD"
                        + " or the URL)");
                options.row("  --trust FILE", "https Jolokia: trust exactly the certificates of FILE (PEM, or a keystore"
                        + " whose password is in PREFLIGHT_RPC_TRUST_PASSWORD)");
                options.row("  --<key>=VALUE", "a pid target only: settings of the agent loaded into it");
            }
        }
        out.append(options);
        out.append("\nWithout --repo:\n");
        Table repos = Table.plain();
        for (RepoPolicy policy : List.of(RepoPolicy.EVERY, RepoPolicy.DEFAULT, RepoPolicy.NAMED)) {
            repos.row("  " + policy.withoutRepo(Commands.STATUS), commands().stream()
                    .filter(c -> c.policy() == policy).map(Command::name).collect(Collectors.joining(", ")));
        }
        repos.row("  --step N, --to V, lint <file>", "the default repo");
        out.append(repos);
        if (surface == Surface.RPC) {
            out.append("\nCommands that change something run as a job in the target (one at a time, under the"
                    + " migration lock);\nrpc follows its log on stderr and prints its result. Interrupting rpc"
                    + " does not stop the job.\n");
        }
        if (surface == Surface.CLI) {
            out.append("\nConfiguration keys (also PREFLIGHT_<KEY> in the environment and -Dpreflight.<key>):\n");
            for (ConfigKey key : ConfigKeys.all()) {
                String def = key.defaultText() == null || key.defaultText().isEmpty() ? ""
                        : " [" + key.defaultText() + "]";
                out.append(String.format("  --%-20s %s%s%n", key.name(), key.description(), def));
            }
        }
        out.append("\nExit codes:\n");
        Table exits = Table.plain();
        for (ExitCode exit : ExitCode.values()) {
            exits.row("  " + exit.code(), exit.meaning());
        }
        out.append(exits).append("\n").append("`help <command>` for one command's options.\n");
        return out.toString();
    }

    /** {@code {"commands":[{"name","usage","summary","options","repos","readOnly","schema"}],"exitCodes":[...]}}. */
    public String toJson() {
        List<Command<?>> shown = command != null ? List.of(command) : commands();
        return Json.object()
                .add("commands", Json.array(shown, c -> Json.object().add("name", c.name()).add("usage", c.usage())
                        .add("summary", c.summary())
                        .add("options", Json.array(c.options(), o -> Json.object().add("name", o.name())
                                .add("value", o.value()).add("description", o.description())))
                        .add("repos", c.policy().name().toLowerCase(java.util.Locale.ROOT))
                        .add("readOnly", c.isReadOnly()).add("schema", c.schema())))
                .add("exitCodes", Json.array(List.of(ExitCode.values()), e -> Json.object().add("code", e.code())
                        .add("label", e.label()).add("meaning", e.meaning())))
                .toString();
    }

    /** README's table of commands (Markdown), one row per command. */
    public static String commandsTable() {
        StringBuilder out = new StringBuilder("| command | without `--repo` | changes | `--json` schema | what it does |\n"
                + "|---|---|---|---|---|\n");
        for (Command<?> c : Commands.all()) {
            // A | inside a code span would end the table's cell.
            out.append("| `").append(c.usage().replace("|", "\\|")).append("` | ").append(c.policy().withoutRepo(c))
                    .append(" | ")
                    .append(c.isReadOnly() ? "no" : "yes").append(" | `").append(c.schema()).append("` | ")
                    .append(c.summary()).append(" |\n");
        }
        return out.toString();
    }

    /** README's table of configuration keys (Markdown), as {@code help} lists them. */
    public static String configurationTable() {
        StringBuilder out = new StringBuilder("| key | scope | default | meaning |\n|---|---|---|---|\n");
        for (ConfigKey key : ConfigKeys.all()) {
            out.append("| `").append(key.name()).append("` | ")
                    .append(key.scope() == ConfigKey.Scope.REPO ? "per repo" : "global").append(" | ")
                    .append(key.defaultText().isEmpty() ? "—" : "`" + key.defaultText() + "`").append(" | ")
                    .append(key.description()).append(" |\n");
        }
        return out.toString();
    }

    /** README's table of exit codes (Markdown). */
    public static String exitCodesTable() {
        StringBuilder out = new StringBuilder("| exit | JSON `code` | meaning |\n|---|---|---|\n");
        for (ExitCode exit : ExitCode.values()) {
            out.append("| ").append(exit.code()).append(" | `").append(exit.label()).append("` | ")
                    .append(exit.meaning()).append(" |\n");
        }
        return out.toString();
    }
}
