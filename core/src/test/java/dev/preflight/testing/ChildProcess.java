package dev.preflight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real child process for a test: its output goes to temp files (never a pipe, which a chatty child could fill
 * and block on), and it sees none of the build's {@code PREFLIGHT_*} / {@code DATABASE_URL} settings, only the
 * variables given here. Waiting is always bounded: a child that does not end is killed with its descendants, and
 * the failure shows its whole output.
 *
 * <pre>{@code
 * ChildProcess.Result r = ChildProcess.of(ChildProcess.java(), "-version").env("DATABASE_URL", url).run();
 * assertEquals(0, r.exitCode(), r::toString);
 *
 * try (ChildProcess.Running app = ChildProcess.of(ChildProcess.java(), "-jar", jar).start()) {
 *     app.awaitStdout("started");
 *     ...
 * }
 * }</pre>
 *
 * Subclasses build a command of their own ({@link #argv()}) and add their domain's settings; their callers then
 * see {@code Subclass.Running} and {@code Subclass.Result} as these types.
 */
public class ChildProcess {

    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private Duration timeout = Duration.ofSeconds(120);

    /** For subclasses that override {@link #argv()}. */
    protected ChildProcess() {
        this(List.of());
    }

    private ChildProcess(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** The process {@code command[0] command[1..]}. */
    public static ChildProcess of(String... command) {
        return of(List.of(command));
    }

    /** The process {@code command[0] command[1..]}. */
    public static ChildProcess of(List<String> command) {
        return new ChildProcess(command);
    }

    /** The {@code java} launcher of the JDK running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A local port nothing listens on right now, for a child to serve on. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The program and its arguments. */
    protected List<String> argv() {
        return command;
    }

    /** The working directory (the test's own unless given). */
    public ChildProcess in(Path dir) {
        directory = dir;
        return this;
    }

    /** An environment variable, set after the build's {@code PREFLIGHT_*} and {@code DATABASE_URL} are removed. */
    public ChildProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** How long {@link Running#await()} waits before it kills the process (120 s unless given). */
    public ChildProcess timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Starts the process. */
    public Running start() {
        List<String> full = argv();
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("preflight-child", ".out");
            err = Files.createTempFile("preflight-child", ".err");
            ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Map<String, String> env = builder.environment();
            // The child sees only what the test gives it, never the settings of whoever runs the build.
            env.keySet().removeIf(name -> name.startsWith("PREFLIGHT_") || name.equals("DATABASE_URL"));
            env.putAll(environment);
            return new Running(builder.start(), out, err, String.join(" ", full), timeout);
        } catch (IOException e) {
            deleteQuietly(out);
            deleteQuietly(err);
            throw new UncheckedIOException("cannot start " + String.join(" ", full), e);
        }
    }

    /** Starts the process and waits (bounded) for it to end. */
    public Result run() {
        return start().await();
    }

    /** A started process. {@link #close()} kills it if it still runs and removes its output files. */
    public static final class Running implements AutoCloseable {

        private final Process process;
        private final Path out;
        private final Path err;
        private final String commandLine;
        private final Duration timeout;
        private Result result;

        private Running(Process process, Path out, Path err, String commandLine, Duration timeout) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.commandLine = commandLine;
            this.timeout = timeout;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** What it printed on stdout so far. */
        public String stdout() {
            return result != null ? result.stdout() : read(out);
        }

        /** What it printed on stderr so far. */
        public String stderr() {
            return result != null ? result.stderr() : read(err);
        }

        /** Closes its standard input (e.g. a test app's signal to finish). */
        public void closeStdin() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Waits until it ends, at most the process's timeout; then kills it and its descendants and fails with its
         * whole output.
         */
        public Result await() {
            if (result != null) {
                return result;
            }
            if (!waitFor(timeout)) {
                kill();
                throw new AssertionError("did not end within " + timeout.toSeconds() + " s, killed: " + this);
            }
            result = new Result(process.exitValue(), read(out), read(err), commandLine);
            deleteQuietly(out);
            deleteQuietly(err);
            return result;
        }

        /** Waits until its stdout contains {@code text}; fails with its output if it ends or the timeout passes. */
        public void awaitStdout(String text) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!read(out).contains(text)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    kill();
                    throw new AssertionError("never printed `" + text + "`: " + this);
                }
                sleep(50);
            }
        }

        /**
         * Waits until its stdout or stderr contains {@code text} (e.g. a log line of the agent's); fails with its
         * output if it ends or the timeout passes.
         */
        public void awaitOutput(String text) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!(read(out) + read(err)).contains(text)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    kill();
                    throw new AssertionError("never printed `" + text + "`: " + this);
                }
                sleep(50);
            }
        }

        /** Waits at most {@code time} for it to end; whether it did. */
        public boolean waitFor(Duration time) {
            try {
                return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new AssertionError("interrupted while waiting for " + commandLine, e);
            }
        }

        /** Asks it to end (SIGTERM: shutdown hooks run). */
        public void terminate() {
            process.destroy();
        }

        /** {@code kill -9} of the process and its descendants (a launcher script's JVM), waiting until it is gone. */
        public void kill() {
            // Collected before the parent dies: its orphans would no longer be its descendants.
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }

        /** The command line and the whole output so far, for assertion messages. */
        @Override
        public String toString() {
            return (process.isAlive() ? "running " : "ended ") + commandLine + "\n--- stdout:\n" + stdout()
                    + "--- stderr:\n" + stderr();
        }
    }

    /** How a process ended; {@link #toString()} shows everything, for assertion messages. */
    public record Result(int exitCode, String stdout, String stderr, String commandLine) {

        @Override
        public String toString() {
            return "exit code " + exitCode + " of " + commandLine + "\n--- stdout:\n" + stdout + "--- stderr:\n"
                    + stderr;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";  // closed: its output went with it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temp file left behind is harmless.
        }
    }
}
