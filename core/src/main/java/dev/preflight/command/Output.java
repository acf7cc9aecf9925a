package dev.preflight.command;

import java.util.List;

/**
 * What a command printed: its text (each repo's result in turn), its JSON (one object per repo, then the error's
 * if it failed), its exit code, and the failure that stopped it, if any. A surface prints {@link #text()} or
 * {@link #json()} on stdout, the failure's message on stderr, and exits with {@link #exit()}; a job of the MBeans
 * keeps all of it, so rpc prints the very same.
 *
 * <pre>{@code
 * Output output = execution.run(CommandLine.parse("validate"));
 * System.out.print(json ? output.json() : output.text());
 * System.exit(output.exit().code());
 * }</pre>
 *
 * @param failure why it stopped, or null when it ran to the end
 */
public record Output(String text, List<String> jsonLines, ExitCode exit, Failure failure) {

    public Output {
        jsonLines = List.copyOf(jsonLines);
    }

    /** A command that failed before it printed anything. */
    public static Output failed(Failure failure) {
        return new Output("", List.of(failure.toJson()), failure.exit(), failure);
    }

    /** The JSON lines, each ending with a line break. */
    public String json() {
        return jsonLines.isEmpty() ? "" : String.join("\n", jsonLines) + "\n";
    }

    /** The text's last line (a result's summary: {@code migrate main: 1 migration in 40 ms}), or the failure's. */
    public String summary() {
        if (failure != null) {
            return "failed: " + failure.message().lines().findFirst().orElse("");
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }
}
