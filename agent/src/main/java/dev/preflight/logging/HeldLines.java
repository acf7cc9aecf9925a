package dev.preflight.logging;

import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.ArrayList;
import java.util.List;

/**
 * Preflight's log lines held while the application's logging is not ready ({@link ApplicationLogging}), then
 * written in order through it (or to stderr when it turns out to have none). A daemon thread looks every 20 ms;
 * after the start-up run it waits at most {@link ApplicationLogging#patience()} (an application may never log
 * through SLF4J), and a JVM that ends first gets the lines through the application's logging on its way out. At
 * most 10,000 lines are held; more go out at once.
 *
 * <pre>{@code
 * HeldLines lines = HeldLines.start(new ApplicationLogging(factory, loader));
 * lines.hold("preflight", Level.INFO, "migrate main: 2 migrations in 40 ms", null);   // true: held
 * }</pre>
 */
final class HeldLines {

    private static final int MAX_LINES = 10_000;
    private static final long LOOK_EVERY_MILLIS = 20;

    private record Line(String logger, Level level, String message, Throwable error) {
    }

    private final ApplicationLogging application;
    private final List<Line> lines = new ArrayList<>();
    private boolean released;
    private volatile long deadline = Long.MAX_VALUE;

    private HeldLines(ApplicationLogging application) {
        this.application = application;
    }

    static HeldLines start(ApplicationLogging application) {
        HeldLines held = new HeldLines(application);
        Thread watcher = new Thread(held::watch, "preflight-log-handover");
        watcher.setDaemon(true);
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> held.release(
                application.state() == ApplicationLogging.State.NONE ? null : application),
                "preflight-log-handover-exit"));
        return held;
    }

    synchronized boolean hold(String logger, Level level, String message, Throwable error) {
        if (released || lines.size() >= MAX_LINES) {
            return false;
        }
        lines.add(new Line(logger, level, message, error));
        return true;
    }

    void startupFinished() {
        deadline = System.nanoTime() + application.patience().toNanos();
    }

    /**
     * Writes the held lines and stops holding: through the application's logging when given, else to stderr. Lines
     * logged meanwhile wait on the lock and follow in order.
     */
    synchronized void release(ApplicationLogging to) {
        if (released) {
            return;
        }
        if (to != null) {
            HostLogging.use(to.factory(), to.loader());
        }
        released = true;
        for (Line line : lines) {
            BridgeLogger.log(LoggerFactory.getLogger(line.logger()), line.level(), line.message(), line.error());
        }
        lines.clear();
    }

    private synchronized boolean isReleased() {
        return released;
    }

    private void watch() {
        while (!isReleased()) {
            try {
                Thread.sleep(LOOK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ApplicationLogging.State state = application.state();
            if (state == ApplicationLogging.State.READY
                    || (System.nanoTime() > deadline && !application.initialising())) {
                release(application);
            } else if (state == ApplicationLogging.State.NONE) {
                release(null);
            }
        }
    }
}
