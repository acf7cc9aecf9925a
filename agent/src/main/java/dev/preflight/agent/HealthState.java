package dev.preflight.agent;

import dev.preflight.MigrationListener;
import dev.preflight.text.Json;
import dev.preflight.progress.ProgressLines;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.OptionalInt;

/**
 * Where start-up stands, for the {@code /alive} and {@code /ready} endpoints: fed by the engine as a
 * {@link MigrationListener} and by the agent at the turning points (off, done, failed). Thread-safe: written by
 * the thread running the migrations, read by the health server's thread.
 *
 * <p>{@link #report()} answers e.g. {@code {"state":"migrating","done":2,"total":5,"repo":"main","current":"3 add_index"}},
 * with {@code "progress"} (e.g. a backfill's rows done, rate and ETA) while the current migration reports some.
 * The states: {@code starting}, {@code waiting-for-db}, {@code waiting-for-lock}, {@code migrating},
 * {@code waiting-for-port} (migrated; the {@code ready=port:<n>} policy does not hold yet), {@code ready},
 * {@code failed} (with {@code error}; stays not ready, also with {@code on-failure=continue}, because the
 * schema is not what the application expects) and {@code off} ({@code startup=off}: ready as soon as the
 * ready policy holds).
 */
final class HealthState implements MigrationListener {

    private static final int PORT_PROBE_TIMEOUT_MILLIS = 250;

    private enum Phase {
        STARTING("starting"), WAITING_FOR_DB("waiting-for-db"), WAITING_FOR_LOCK("waiting-for-lock"),
        MIGRATING("migrating"), DONE("ready"), FAILED("failed"), OFF("off");

        final String text;

        Phase(String text) {
            this.text = text;
        }
    }

    private final OptionalInt readyPort;
    private Phase phase = Phase.STARTING;
    private int done;
    private int total;
    private String repo;
    private String current;
    private String progress;
    private String error;

    /** @param readyPort the port of {@code ready=port:<n>}; empty for {@code ready=migrated} */
    HealthState(OptionalInt readyPort) {
        this.readyPort = readyPort;
    }

    @Override
    public synchronized void waitingForDatabase(String repo, int attempt, String reason) {
        this.repo = repo;
        phase = Phase.WAITING_FOR_DB;
    }

    @Override
    public synchronized void waitingForLock(String repo, String holder) {
        this.repo = repo;
        phase = Phase.WAITING_FOR_LOCK;
    }

    @Override
    public synchronized void started(String repo, String operation, int total) {
        this.repo = repo;
        this.total = total;
        done = 0;
        current = null;
        phase = Phase.MIGRATING;
    }

    @Override
    public synchronized void migrationStarted(String repo, String operation, int index, int total, String id,
                                              String name) {
        current = id + " " + name;
        progress = null;
    }

    /** A long migration's own progress (a backfill's rows), shown beside {@code current} until it finishes. */
    @Override
    public synchronized void progress(String repo, String operation, long done, long total, String message) {
        progress = ProgressLines.format(done, total, message);
    }

    @Override
    public synchronized void migrationFinished(String repo, String operation, int index, int total, String id,
                                               String name, long millis) {
        done = index;
        current = null;
        progress = null;
    }

    /** A repository's start-up run begins (it may have nothing to do, then no other event follows). */
    synchronized void repoStarted(String repo) {
        this.repo = repo;
        done = 0;
        total = 0;
        current = null;
        phase = Phase.STARTING;
    }

    /** Every repository is migrated (or validated). */
    synchronized void migrated() {
        current = null;
        phase = Phase.DONE;
    }

    /** {@code startup=off}: nothing will be migrated. */
    synchronized void off() {
        phase = Phase.OFF;
    }

    /** Start-up failed; {@code message} is shown as {@code error} (Preflight's messages never hold passwords). */
    synchronized void failed(String message) {
        phase = Phase.FAILED;
        error = message;
    }

    /** What the health endpoints (and the Health MBean) answer now; {@code state} is the JSON's {@code "state"}. */
    record Report(boolean ready, String state, String json) {
    }

    /** The state now: whether {@code /ready} answers 200 (migrated or off, and the ready policy holds), as JSON. */
    Report report() {
        // Probed outside the lock: on loopback a refused port answers at once, but it is still a socket call.
        boolean portOpen = portPolicyHolds();
        synchronized (this) {
            boolean finished = phase == Phase.DONE || phase == Phase.OFF;
            String state = phase == Phase.DONE && !portOpen ? "waiting-for-port" : phase.text;
            StringBuilder json = new StringBuilder("{\"state\":").append(Json.quote(state))
                    .append(",\"done\":").append(done)
                    .append(",\"total\":").append(total);
            if (repo != null) {
                json.append(",\"repo\":").append(Json.quote(repo));
            }
            if (current != null) {
                json.append(",\"current\":").append(Json.quote(current));
            }
            if (current != null && progress != null) {
                json.append(",\"progress\":").append(Json.quote(progress));
            }
            if (readyPort.isPresent()) {
                json.append(",\"readyPort\":").append(readyPort.getAsInt());
            }
            if (error != null) {
                json.append(",\"error\":").append(Json.quote(error));
            }
            return new Report(finished && portOpen, state, json.append('}').toString());
        }
    }

    /** Whether the {@code ready=port:<n>} policy holds: something accepts connections on 127.0.0.1:n. */
    private boolean portPolicyHolds() {
        if (readyPort.isEmpty()) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), readyPort.getAsInt()),
                    PORT_PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
