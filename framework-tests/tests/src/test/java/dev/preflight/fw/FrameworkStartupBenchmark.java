package dev.preflight.fw;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.Medians;
import dev.preflight.testing.TestDatabase;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Not a test: what the agent adds to each framework application's start-up when nothing is pending. For each
 * application of framework-tests, the median wall time from {@code java} to the application's "started" line (the
 * Boot 4 application runs to its end), without and with the agent, and their ratio; runs alternate so that both see
 * the same machine. Run it with {@code scripts/bench-frameworks [runs]}.
 */
public final class FrameworkStartupBenchmark {

    /** An application, how to start it on a database, and the line that says it is up (null: it ends by itself). */
    private record App(String name, Function<String, ChildJvm> start, String up) {
    }

    private FrameworkStartupBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<App> apps = List.of(
                new App("Quarkus fast-jar", url -> ChildJvm.jar(FrameworkApps.QUARKUS).untuned()
                        .systemProperty("quarkus.datasource.jdbc.url", url)
                        .systemProperty("quarkus.http.port", Integer.toString(ChildProcess.freePort())), "Listening on"),
                new App("Micronaut", url -> ChildJvm.jar(FrameworkApps.MICRONAUT).untuned()
                        .systemProperty("datasources.default.url", url)
                        .systemProperty("micronaut.server.port", Integer.toString(ChildProcess.freePort())),
                        "Server Running"),
                new App("Spring Boot 4", url -> ChildJvm.jar(FrameworkApps.BOOT4).untuned()
                        .systemProperty("app.url", url), null));
        for (App app : apps) {
            TestDatabase db = new TestDatabase();
            try {
                db.create();
                measure(app, db.url(), runs);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                try {
                    db.drop();
                } catch (SQLException e) {
                    System.err.println("could not drop " + db.name() + ": " + e.getMessage());
                }
            }
        }
    }

    private static void measure(App app, String url, int runs) {
        // Once with the agent, so that every measured run finds nothing pending; once without, to warm the caches.
        timed(app, app.start().apply(url).agent("url=" + url));
        timed(app, app.start().apply(url));
        long[] bare = new long[runs];
        long[] agent = new long[runs];
        for (int i = 0; i < runs; i++) {
            bare[i] = timed(app, app.start().apply(url));
            agent[i] = timed(app, app.start().apply(url).agent("url=" + url));
        }
        long bareMedian = Medians.of(bare);
        long agentMedian = Medians.of(agent);
        System.out.printf("%-17s bare  median %5d ms %s%n", app.name(), bareMedian, Arrays.toString(bare));
        System.out.printf("%-17s agent median %5d ms %s%n", app.name(), agentMedian, Arrays.toString(agent));
        System.out.printf("%-17s agent, nothing pending: %.2fx the bare start-up (+%d ms)%n", app.name(),
                (double) agentMedian / bareMedian, agentMedian - bareMedian);
    }

    /** Milliseconds from start to the application's "up" line (or its end), which must come. */
    private static long timed(App app, ChildJvm jvm) {
        long start = System.nanoTime();
        if (app.up() == null) {
            ChildJvm.Result r = jvm.run();
            if (r.exitCode() != 0) {
                throw new IllegalStateException(app.name() + " failed: " + r);
            }
        } else {
            try (ChildJvm.Running running = jvm.start()) {
                running.awaitOutput(app.up());
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
