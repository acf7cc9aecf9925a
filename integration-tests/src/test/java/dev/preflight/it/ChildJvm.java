package dev.preflight.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM, started with the agent (or without, for comparison), its output collected in files so a
 * chatty child can never block on a full pipe.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.jar(appJar).agent("url=" + db.url()).systemProperty("app.url", db.url()).run();
 * }</pre>
 */
final class ChildJvm {

    /** The shaded agent jar, built by the agent module before this one (passed in by the pom). */
    static final Path AGENT_JAR = Path.of(required("preflight.agent.jar"));
    private static final long TIMEOUT_SECONDS = 120;

    private final List<String> command;
    private final List<String> jvmArguments = new ArrayList<>(List.of(
            // Start faster: these JVMs are short-lived.
            "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
    private String agentArguments;
    private final Path workDir;

    private ChildJvm(List<String> command, Path workDir) {
        this.command = command;
        this.workDir = workDir;
    }

    /** {@code java -jar jar}, in the jar's folder. */
    static ChildJvm jar(Path jar) {
        return new ChildJvm(List.of("-jar", jar.toString()), jar.toAbsolutePath().getParent());
    }

    /** {@code java -cp classPath mainClass}, in the folder of the first class path entry. */
    static ChildJvm classPath(List<Path> classPath, String mainClass) {
        return new ChildJvm(List.of("-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString)
                .toList()), mainClass), classPath.get(0).toAbsolutePath().getParent());
    }

    /** Without the start-up tuning flags: the JVM as a user starts it, for measurements. */
    ChildJvm untuned() {
        jvmArguments.removeAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        return this;
    }

    /** {@code -javaagent:preflight-agent.jar=arguments}. */
    ChildJvm agent(String arguments) {
        agentArguments = arguments;
        return this;
    }

    ChildJvm systemProperty(String key, String value) {
        jvmArguments.add("-D" + key + "=" + value);
        return this;
    }

    Running start() {
        try {
            Path out = Files.createTempFile("preflight-it", ".out");
            Path err = Files.createTempFile("preflight-it", ".err");
            List<String> full = new ArrayList<>();
            full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            full.addAll(jvmArguments);
            if (agentArguments != null) {
                full.add("-javaagent:" + AGENT_JAR + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            // The child sees only what the test gives it, never the settings of whoever runs the build.
            env.keySet().removeIf(name -> name.startsWith("PREFLIGHT_") || name.equals("DATABASE_URL"));
            return new Running(builder.start(), out, err, String.join(" ", full));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM and waits for it to end. */
    Result run() {
        return start().await();
    }

    /** A started child JVM. */
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

        long pid() {
            return process.pid();
        }

        /** What it printed on stdout so far. */
        String stdout() {
            return read(out);
        }

        /**
         * Waits (bounded) until its stdout or stderr shows {@code text}: e.g. the agent's {@code MBeans registered},
         * logged once the beans are there (they are registered off the application's main thread).
         */
        void awaitOutput(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!(read(out) + read(err)).contains(text)) {
                if (!process.isAlive() && !(read(out) + read(err)).contains(text)) {
                    throw new AssertionError("the child JVM ended (exit " + process.exitValue() + ") without printing '"
                            + text + "': " + commandLine + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the child JVM did not print '" + text + "' within " + TIMEOUT_SECONDS
                            + " s: " + commandLine + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
                }
                Thread.sleep(50);
            }
        }

        /** Closes its standard input (the test app's signal to finish). */
        void closeStdin() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits (bounded) for the JVM to end. */
        Result await() {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("child JVM did not end within " + TIMEOUT_SECONDS + " s: " + commandLine
                            + "\nstdout:\n" + read(out) + "\nstderr:\n" + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted", e);
            }
            Result result = new Result(process.exitValue(), read(out), read(err), commandLine);
            deleteQuietly(out);
            deleteQuietly(err);
            return result;
        }

        void kill() {
            process.destroyForcibly();
        }
    }

    /** How a child JVM ended; {@link #toString()} shows everything, for assertion messages. */
    record Result(int exitCode, String stdout, String stderr, String commandLine) {

        @Override
        public String toString() {
            return "exit code " + exitCode + " of " + commandLine + "\n--- stdout:\n" + stdout + "--- stderr:\n"
                    + stderr;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temp file left behind is harmless.
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run these tests with Maven"
                    + " (integration-tests/pom.xml passes it)");
        }
        return value;
    }
}
