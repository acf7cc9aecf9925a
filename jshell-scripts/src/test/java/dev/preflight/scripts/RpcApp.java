package dev.preflight.scripts;

import dev.preflight.testing.ChildProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    private final ChildProcess.Running process;

    private RpcApp(ChildProcess.Running process) {
        this.process = process;
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
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        if (agentArguments != null) {
            command.add("-javaagent:" + Launcher.AGENT_JAR + "=" + agentArguments);
        }
        String path = classpath == null ? testClasses().toString() : classpath + ":" + testClasses();
        command.addAll(List.of("-cp", path, RpcIdleApp.class.getName()));
        RpcApp app = new RpcApp(ChildProcess.of(command).timeout(Duration.ofSeconds(90)).start());
        app.process.awaitStdout(RpcIdleApp.MARKER);
        if (agentArguments != null) {
            // The agent registers its MBeans (and starts Jolokia) beside main, not before it.
            app.process.awaitOutput("MBeans registered");
            if (agentArguments.contains("jolokia.port=")) {
                app.process.awaitOutput("Jolokia on http");
            }
        }
        return app;
    }

    long pid() {
        return process.pid();
    }

    /** What the app printed on stderr so far (the agent's lines go there). */
    String stderr() {
        return process.stderr();
    }

    @Override
    public void close() {
        process.closeStdin();
        process.waitFor(Duration.ofSeconds(30));
        process.close();
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        return ChildProcess.freePort();
    }

    /** The folder of this module's test classes, where {@link RpcIdleApp} is. */
    static Path testClasses() {
        try {
            return Path.of(RpcIdleApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
