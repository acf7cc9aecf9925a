package dev.preflight.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the assembled launcher, {@code target/preflight/bin/preflight} (built by this module's {@code package}
 * phase), as a user does: a real bash process, output collected in files so it can never block on a full pipe.
 * The child sees none of the build's {@code PREFLIGHT_*} / {@code DATABASE_URL} settings, only those given here.
 *
 * <pre>{@code
 * Launcher.Result r = Launcher.command("eval", "status", "--url=" + db.url()).classpath(app).run();
 * }</pre>
 */
final class Launcher {

    /** The distribution folder ({bin,jsh,lib}), passed in by the pom. */
    static final Path DIST = Path.of(required("preflight.dist"));
    /** The shaded agent jar, passed in by the pom. */
    static final Path AGENT_JAR = Path.of(required("preflight.agent.jar"));
    private static final long TIMEOUT_SECONDS = 180;

    private final List<String> args;
    private final Map<String, String> env = new HashMap<>();
    private Path launcher = DIST.resolve("bin/preflight");
    private Path workDir = DIST;

    private Launcher(List<String> args) {
        this.args = args;
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
    Launcher in(Path dir) {
        workDir = dir;
        return this;
    }

    Launcher env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The application's class path, through {@code PREFLIGHT_CLASSPATH}. */
    Launcher classpath(String classpath) {
        return env("PREFLIGHT_CLASSPATH", classpath);
    }

    Running start() {
        try {
            Path out = Files.createTempFile("preflight-launcher", ".out");
            Path err = Files.createTempFile("preflight-launcher", ".err");
            List<String> full = new ArrayList<>();
            full.add(launcher.toString());
            full.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("PREFLIGHT_") || name.equals("DATABASE_URL"));
            // The JDK that runs the tests is the one the launcher finds.
            environment.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
            environment.putAll(env);
            return new Running(builder.start(), out, err, String.join(" ", full));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run() {
        return start().await();
    }

    /** A started launcher. */
    static final class Running {
        private final Process process;
        private final Path out;
        private final Path err;
        private final String commandLine;

        Running(Process process, Path out, Path err, String commandLine) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.commandLine = commandLine;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String stdout() {
            return read(out);
        }

        Result await() {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("did not end within " + TIMEOUT_SECONDS + " s: " + commandLine
                            + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            Result result = new Result(process.exitValue(), read(out), read(err), commandLine);
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException e) {
                // A temp file left behind is harmless.
            }
            return result;
        }
    }

    /** How the launcher ended; {@link #toString()} shows everything, for assertion messages. */
    record Result(int exitCode, String stdout, String stderr, String commandLine) {
        @Override
        public String toString() {
            return "exit code " + exitCode + " of " + commandLine + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
