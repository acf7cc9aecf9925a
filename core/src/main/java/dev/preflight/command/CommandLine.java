package dev.preflight.command;

import dev.preflight.ConfigException;
import dev.preflight.config.ConfigKeys;
import dev.preflight.config.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A command line taken apart against the declared commands: the command, its options ({@code --step N}), the
 * flags every command takes ({@code --json}, {@code --verbose}, {@code --help}), its words ({@code task}'s name and
 * pairs), and every other {@code --key=value} as a configuration setting for {@link dev.preflight.PreflightConfig}
 * to check. Every surface reads its arguments with it, so they are read the same way everywhere.
 *
 * <pre>{@code
 * CommandLine line = CommandLine.parse("migrate", "--step", "1", "--url=jdbc:postgresql://db/app");
 * line.command().name();   // migrate
 * line.value("step");      // Optional[1]
 * line.settings();         // {url=jdbc:postgresql://db/app}
 * }</pre>
 */
public final class CommandLine {

    private static final List<Option> FLAGS = List.of(Option.JSON, Option.VERBOSE, Option.HELP);

    private final Command<?> command;
    private final Map<String, String> options;
    private final Set<String> flags;
    private final Map<String, String> settings;
    private final List<String> words;

    private CommandLine(Command<?> command, Map<String, String> options, Set<String> flags,
                        Map<String, String> settings, List<String> words) {
        this.command = command;
        this.options = Map.copyOf(options);
        this.flags = Set.copyOf(flags);
        this.settings = settings;
        this.words = List.copyOf(words);
    }

    /**
     * A command line of the CLI, eval or rpc: the first word is the command (an unknown one gets a "did you mean"),
     * words after it only where the command takes them.
     *
     * @throws ConfigException for an unknown command, an option the command does not take, a missing value
     */
    public static CommandLine parse(String... args) {
        return parse(List.of(args), false);
    }

    /** The command line of a user's eval script: no command, every word that is not an option is the script's. */
    public static CommandLine parseScript(List<String> args) {
        return parse(args, true);
    }

    /** A command line built by a surface (an MBean operation) instead of typed by a user. */
    public static CommandLine of(List<String> args) {
        return parse(args, false);
    }

    private static CommandLine parse(List<String> args, boolean script) {
        Command<?> command = null;
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-v") || arg.equals("-h")) {
                flags.add(arg.equals("-v") ? Option.VERBOSE.name() : Option.HELP.name());
            } else if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                boolean valueFollows = i + 1 < args.size() && !args.get(i + 1).startsWith("-");
                if (isFlag(name) || name.equals(Option.VERSION.name()) && eq < 0 && command == null && !valueFollows) {
                    flags.add(name);
                    continue;
                }
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new ConfigException("option --" + name + " needs a value");
                }
                (isOption(name) ? options : settings).put(name, value);
            } else if (!script && command == null && !arg.startsWith("-")) {
                command = Commands.find(arg);
            } else if ((script || command != null && command.words() != null) && !arg.startsWith("-")) {
                words.add(arg);
            } else {
                throw new ConfigException("unexpected argument '" + arg + "'"
                        + (command != null ? ": " + command.name() + " takes no words; usage: " + command.usage() : ""));
            }
        }
        CommandLine line = new CommandLine(command, options, flags, settings, words);
        if (command != null) {
            line.checkAgainst(command);
        }
        return line;
    }

    private static boolean isFlag(String name) {
        return FLAGS.stream().anyMatch(o -> o.name().equals(name));
    }

    private static boolean isOption(String name) {
        return name.equals(Option.REPO.name()) || Commands.all().stream()
                .anyMatch(c -> c.options().stream().anyMatch(o -> o.name().equals(name)));
    }

    /**
     * Refuses an option the command does not take and missing words, and suggests an option for a setting that looks
     * like a typo of it.
     */
    private void checkAgainst(Command<?> command) {
        if (words.isEmpty() && command.wordsMissing() != null && !flags.contains(Option.HELP.name())) {
            throw new ConfigException(command.wordsMissing());
        }
        for (String name : options.keySet()) {
            if (!takes(command, name)) {
                throw new ConfigException(command.name() + " takes no --" + name + "; usage: " + command.usage());
            }
        }
        List<String> own = Stream.concat(command.options().stream(), Stream.concat(FLAGS.stream(),
                command.policy() == RepoPolicy.NONE ? Stream.empty() : Stream.of(Option.REPO)))
                .map(Option::name).toList();
        for (String name : settings.keySet()) {
            if (!ConfigKeys.isKey(name)) {
                Optional<String> option = Suggestions.closest(name, own);
                if (option.isPresent()) {
                    throw new ConfigException("unknown option --" + name + "; did you mean --" + option.get()
                            + "? usage: " + command.usage());
                }
            }
        }
    }

    private static boolean takes(Command<?> command, String option) {
        return option.equals(Option.REPO.name()) ? command.policy() != RepoPolicy.NONE
                : command.options().stream().anyMatch(o -> o.name().equals(option));
    }

    /** The command, or null when none was given. */
    public Command<?> command() {
        return command;
    }

    /** A flag: {@code json}, {@code verbose}, {@code help}, or {@code version} without a command. */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** Whether the result is printed as JSON: {@code --json}, or {@code --format=json} (lint). */
    public boolean json() {
        return flag(Option.JSON.name()) || "json".equals(options.get(Option.FORMAT.name()));
    }

    /**
     * {@link #json()} of arguments that may not parse, so that even their usage error is printed as JSON when asked
     * for ({@code --json}, {@code --format=json}, {@code --format json}).
     */
    public static boolean json(List<String> args) {
        String format = "--" + Option.FORMAT.name();
        int given = args.indexOf(format);
        return args.contains("--" + Option.JSON.name()) || args.contains(format + "=json")
                || given >= 0 && given + 1 < args.size() && args.get(given + 1).equals("json");
    }

    /** The value of an option: {@code repo}, {@code step}, {@code to}, {@code version}, {@code format}. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The value of an option the command needs, or a usage error naming it. */
    public String required(Option option) {
        return value(option.name()).orElseThrow(() -> new ConfigException(
                (command == null ? "this" : command.name()) + " needs " + option.usage()
                        + (command == null ? "" : "; usage: " + command.usage())));
    }

    /** The words that are not options: a task's name then its {@code name=value} pairs, or a user script's own. */
    public List<String> words() {
        return words;
    }

    /** Every configuration setting given as an option, keys without the {@code preflight.} prefix. */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * The command line as a running application is sent it: the command, its options and words; not the flags (the
     * target renders text and JSON both) nor the settings (its configuration is its own).
     */
    public List<String> forTarget() {
        List<String> args = new ArrayList<>();
        if (command != null) {
            args.add(command.name());
        }
        options.forEach((name, value) -> {
            args.add("--" + name);
            args.add(value);
        });
        args.addAll(words);
        return args;
    }

    /** How a job shows it, without the repo (a job names that apart): {@code migrate --step 1}. */
    public String describe() {
        List<String> args = new ArrayList<>(forTarget());
        int repo = args.indexOf("--" + Option.REPO.name());
        if (repo >= 0) {
            args.subList(repo, repo + 2).clear();
        }
        return String.join(" ", args);
    }

    @Override
    public String toString() {
        return String.join(" ", forTarget());
    }
}
