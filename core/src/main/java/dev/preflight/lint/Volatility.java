package dev.preflight.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a function called in a column default is volatile, the way PostgreSQL decides whether ADD COLUMN must
 * rewrite the table: a function this run creates counts as declared (VOLATILE unless it says IMMUTABLE or STABLE);
 * a built-in function as PostgreSQL's catalog marks it ({@code builtin-functions.txt}, read from
 * {@code pg_proc}); any other as the database says when one is at hand ({@code pg_proc.provolatile}); otherwise it
 * is unknown, and the lint reports it as possibly volatile, as squawk and strong_migrations do.
 */
final class Volatility {

    enum Verdict { NOT_VOLATILE, VOLATILE, UNKNOWN }

    private static final String BUILTINS = "builtin-functions.txt";

    private Volatility() {
    }

    /** @param function the resolved name of a run-created function, or the name as written for the others */
    static Verdict of(ObjectName written, ObjectName resolved, RunState run, DatabaseFacts facts) {
        Boolean created = run.functionVolatile(resolved);
        if (created != null) {
            return created ? Verdict.VOLATILE : Verdict.NOT_VOLATILE;
        }
        if (written.schema() == null || written.schema().equals("pg_catalog")) {
            // pg_catalog is searched first, so an unqualified call of a built-in name finds the built-in.
            Character builtin = Builtins.VOLATILITY.get(written.name());
            if (builtin != null) {
                return builtin == 'v' ? Verdict.VOLATILE : Verdict.NOT_VOLATILE;
            }
        }
        Optional<Boolean> asked = facts.isVolatile(written.schema(), written.name());
        return asked.map(v -> v ? Verdict.VOLATILE : Verdict.NOT_VOLATILE).orElse(Verdict.UNKNOWN);
    }

    /** The built-in functions' volatility, read once. */
    private static final class Builtins {

        static final Map<String, Character> VOLATILITY = read();

        private static Map<String, Character> read() {
            Map<String, Character> out = new HashMap<>();
            try (InputStream in = Volatility.class.getResourceAsStream(BUILTINS)) {
                if (in == null) {
                    throw new IllegalStateException(BUILTINS + " is missing beside " + Volatility.class.getName());
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int space = line.indexOf(' ');
                    if (!line.startsWith("#") && space > 0) {
                        out.put(line.substring(0, space), line.charAt(space + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }
}
