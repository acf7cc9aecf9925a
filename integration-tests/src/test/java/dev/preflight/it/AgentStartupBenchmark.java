package dev.preflight.it;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.Medians;
import dev.preflight.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Not a test: prints what the agent adds to an application's start-up when nothing is pending, as
 * {@code java -jar app.jar} against {@code java -javaagent:preflight-agent.jar=... -jar app.jar}, same application
 * (it connects to the database and reads one table), median wall time of each, and their ratio. Runs alternate so
 * that both see the same machine. Run it with {@code scripts/bench-agent-startup [runs]}.
 */
public final class AgentStartupBenchmark {

    private AgentStartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        TestDatabase db = new TestDatabase();
        db.create();
        Path dir = Files.createTempDirectory("preflight-bench");
        try {
            Path jar = new AppJar(dir)
                    .migration("1_create_greeting.sql", "create table greeting (text text not null);")
                    .migration("2_greet.sql", "insert into greeting values ('hello');")
                    .migration("3_index.sql", "create index greeting_text on greeting (text);")
                    .build();
            // Once with the agent so every measured run finds nothing pending, once without to warm the caches.
            expectSuccess(withAgent(jar, db).run());
            expectSuccess(bare(jar, db).run());

            long[] bare = new long[runs];
            long[] agent = new long[runs];
            for (int i = 0; i < runs; i++) {
                bare[i] = timed(bare(jar, db));
                agent[i] = timed(withAgent(jar, db));
            }
            long bareMedian = Medians.of(bare);
            long agentMedian = Medians.of(agent);
            System.out.printf("java -jar app.jar                     median %5d ms  (%d runs: %s)%n", bareMedian, runs,
                    Arrays.toString(bare));
            System.out.printf("java -javaagent:... -jar app.jar      median %5d ms  (%d runs: %s)%n", agentMedian, runs,
                    Arrays.toString(agent));
            System.out.printf("agent start-up, nothing pending: %.2fx the bare start-up (+%d ms)%n",
                    (double) agentMedian / bareMedian, agentMedian - bareMedian);
        } finally {
            db.drop();
            deleteTree(dir);
        }
    }

    private static ChildJvm bare(Path jar, TestDatabase db) {
        return ChildJvm.jar(jar).untuned().systemProperty("app.url", db.url());
    }

    private static ChildJvm withAgent(Path jar, TestDatabase db) {
        return bare(jar, db).agent("url=" + db.url());
    }

    private static long timed(ChildJvm jvm) {
        long start = System.nanoTime();
        ChildJvm.Result result = jvm.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        expectSuccess(result);
        return millis;
    }

    private static void expectSuccess(ChildJvm.Result result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the application failed: " + result);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
