package dev.preflight.scripts;

import dev.preflight.testing.ChildProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the assembled launcher, {@code target/preflight/bin/preflight} (built by this module's {@code package}
 * phase), as a user does: a real bash process, a {@link ChildProcess} (output in files, none of the build's
 * {@code PREFLIGHT_*} / {@code DATABASE_URL} settings, only those given here).
 *
 * <pre>{@code
 * Launcher.Result r = Launcher.command("eval", "status", "--url=" + db.url()).classpath(app).run();
 * }</pre>
 */
final class Launcher extends ChildProcess {

    /** The distribution folder ({bin,jsh,lib}), passed in by the pom. */
    static final Path DIST = Path.of(required("preflight.dist"));
    /** The shaded agent jar, passed in by the pom. */
    static final Path AGENT_JAR = Path.of(required("preflight.agent.jar"));

    private final List<String> args;
    private Path launcher = DIST.resolve("bin/preflight");

    private Launcher(List<String> args) {
        this.args = args;
        in(DIST);
        timeout(Duration.ofSeconds(180));
        // The JDK that runs the tests is the one the launcher finds.
        env("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
    }

    /** {@code bin/preflight args...}. */
    static Launcher command(String... args) {
        return new Launcher(List.of(args));
    }

    /** Another path to the launcher (e.g. a symlink to it). */
    Launcher launcher(Path path) {
        launcher = path;
        return this;
    }

    /** The process's working directory (the distribution folder unless given). */
    @Override
    public Launcher in(Path dir) {
        super.in(dir);
        return this;
    }

    @Override
    public Launcher env(String name, String value) {
        super.env(name, value);
        return this;
    }

    /** The application's class path, through {@code PREFLIGHT_CLASSPATH}. */
    Launcher classpath(String classpath) {
        return env("PREFLIGHT_CLASSPATH", classpath);
    }

    @Override
    protected List<String> argv() {
        List<String> full = new ArrayList<>();
        full.add(launcher.toString());
        full.addAll(args);
        return full;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run these tests with Maven"
                    + " (jshell-scripts/pom.xml passes it)");
        }
        return value;
    }
}
