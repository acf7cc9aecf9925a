package dev.preflight.cli;

import dev.preflight.ConfigException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line taken apart: one command, the CLI's own options ({@code --repo}, {@code --step},
 * {@code --to}, {@code --version V}, flags), and every other {@code --key=value} as a configuration setting
 * for {@link dev.preflight.PreflightConfig} to check (so unknown keys get its "did you mean").
 * Public so that other surfaces ({@code dev.preflight.eval}) take their arguments apart exactly as the CLI does.
 *
 * <pre>{@code
 * CliArguments a = CliArguments.parse(new String[] {"migrate", "--step", "1"}, List.of("migrate"));
 * a.value("step");   // Optional[1]
 * }</pre>
 */
public final class CliArguments {

    private static final Set<String> FLAGS = Set.of("json", "verbose", "help");
    private static final Set<String> OWN = Set.of("repo", "step", "to", "version", "format");
    /** Commands that take words after them: {@code task <name> [k=v ...]}, {@code lint [file-or-folder ...]}. */
    private static final Set<String> WITH_WORDS = Set.of("task", "lint");

    private final String command;
    private final Map<String, String> own;
    private final Set<String> flags;
    private final Map<String, String> settings;
    private final List<String> words;

    private CliArguments(String command, Map<String, String> own, Set<String> flags, Map<String, String> settings,
                         List<String> words) {
        this.command = command;
        this.words = words;
        this.own = own;
        this.flags = flags;
        this.settings = settings;
    }

    /** Words after the command are refused, except after {@code task} (its name and {@code k=v} pairs). */
    public static CliArguments parse(String[] args, List<String> commands) {
        return parse(args, commands, false);
    }

    /**
     * As {@link #parse(String[], List)}, and the words after the command that are not options are kept, in order
     * ({@code task analyze tables=todos}: {@code [analyze, tables=todos]}), see {@link #words()}.
     */
    public static CliArguments parseWithWords(String[] args, List<String> commands) {
        return parse(args, commands, true);
    }

    private static CliArguments parse(String[] args, List<String> commands, boolean keepWords) {
        String command = null;
        List<String> words = new java.util.ArrayList<>();
        Map<String, String> own = new HashMap<>();
        Set<String> flags = new HashSet<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-v")) {
                flags.add("verbose");
            } else if (arg.equals("-h")) {
                flags.add("help");
            } else if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                boolean hasNext = i + 1 < args.length && !args[i + 1].startsWith("-") && !commands.contains(args[i + 1]);
                if (FLAGS.contains(name) || (name.equals("version") && eq < 0 && !hasNext)) {
                    flags.add(name);
                    continue;
                }
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new ConfigException("option --" + name + " needs a value");
                }
                (OWN.contains(name) ? own : settings).put(name, value);
            } else if (command == null && !arg.startsWith("-")) {
                if (!commands.contains(arg)) {
                    throw new ConfigException("unknown command '" + arg + "'; commands: " + String.join(", ", commands));
                }
                command = arg;
            } else if ((keepWords || WITH_WORDS.contains(command)) && command != null && !arg.startsWith("-")) {
                words.add(arg);
            } else {
                throw new ConfigException("unexpected argument '" + arg + "'");
            }
        }
        return new CliArguments(command, own, flags, settings, List.copyOf(words));
    }

    /** The command, or null when none was given. */
    public String command() {
        return command;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(own.get(name));
    }

    /** The words after the command that are not options ({@code task}'s, or any with {@link #parseWithWords}). */
    public List<String> words() {
        return words;
    }

    /** Every configuration setting given as an option, keys without the {@code preflight.} prefix. */
    public Map<String, String> settings() {
        return settings;
    }
}
