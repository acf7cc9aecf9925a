package dev.preflight.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link RpcIdleApp} JVM for the rpc tests, with or without the agent, and its migrations folder. Started
 * once per test class (a JVM start is the slow part); {@link #close()} ends it by closing its stdin.
 *
 * <pre>{@code
 * RpcApp app = RpcApp.start(null, List.of("-Dcom.sun.management.jmxremote.port=" + port), "url=" + db.url());
 * Launcher.command("rpc", Long.toString(app.pid()), "status").run();
 * }</pre>
 */
final class RpcApp implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private RpcApp(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Writes dbmate-style migrations {@code <dir>/db/migrations/<file>} (each {@code up} and {@code down}), so
     * that {@code locations=<dir>/db/migrations} finds them.
     */
    static Path migrations(Path dir, String... fileUpDown) {
        return write(dir.resolve("db/migrations"), fileUpDown);
    }

    /** As {@link #migrations}, in {@code <dir>/db/data-migrations}. */
    static Path dataMigrations(Path dir, String... fileUpDown) {
        return write(dir.resolve("db/data-migrations"), fileUpDown);
    }

    private static Path write(Path target, String... fileUpDown) {
        try {
            Path folder = Files.createDirectories(target);
            for (int i = 0; i < fileUpDown.length; i += 3) {
                Files.writeString(folder.resolve(fileUpDown[i]), "-- migrate:up\n" + fileUpDown[i + 1]
                        + "\n-- migrate:down\n" + fileUpDown[i + 2] + "\n");
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the app and waits until its {@code main} runs.
     *
     * @param classpath      the app's class path besides {@link RpcIdleApp} (e.g. {@link TestApp#write}), or null
     * @param agentArguments null for no agent, else {@code -javaagent:<jar>=<agentArguments>}
     */
    static RpcApp start(String classpath, List<String> jvmOptions, String agentArguments) {
        try {
            Path out = Files.createTempFile("preflight-rpc-app", ".out");
            Path err = Files.createTempFile("preflight-rpc-app", ".err");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"));
            command.addAll(jvmOptions);
            if (agentArguments != null) {
                command.add("-javaagent:" + Launcher.AGENT_JAR + "=" + agentArguments);
            }
            String path = classpath == null ? testClasses().toString() : classpath + ":" + testClasses();
            command.addAll(List.of("-cp", path, RpcIdleApp.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PREFLIGHT_") || name.equals("DATABASE_URL"));
            RpcApp app = new RpcApp(builder.start(), out, err);
            app.awaitMain();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** What the app printed on stderr so far (the agent's lines go there). */
    String stderr() {
        return read(err);
    }

    private void awaitMain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!read(out).contains(RpcIdleApp.MARKER)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the app did not start; stdout:\n" + read(out) + "\nstderr:\n" + read(err));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(RpcIdleApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
