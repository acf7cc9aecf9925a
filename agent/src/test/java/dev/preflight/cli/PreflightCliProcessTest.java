package dev.preflight.cli;

import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI in a JVM of its own, configured through the environment as in an init container. */
class PreflightCliProcessTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private Result java(List<String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), PreflightCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void migratesWithSettingsFromTheEnvironmentAndExitsWithTheDocumentedCodes() throws Exception {
        MigrationFiles files = new MigrationFiles(tmp.resolve("m"));
        files.table("1");
        files.table("2");
        new MigrationFiles(tmp.resolve("d"));
        List<String> env = List.of("PREFLIGHT_URL=" + db.url(), "PREFLIGHT_LOCATIONS=" + files.dir(),
                "PREFLIGHT_DATA_LOCATIONS=" + tmp.resolve("d"));

        Result migrate = java(env, "migrate");
        assertEquals(0, migrate.code(), migrate.err());
        assertTrue(migrate.out().contains("migrate main: 2 migrations"), migrate.out());
        assertEquals("2", db.queryValue("select count(*) from preflight_schema_history"));

        Result unknown = java(env, "--stauts");
        assertEquals(2, unknown.code(), unknown.err());
        Result typo = java(env, "stauts");
        assertEquals(2, typo.code(), typo.err());
        assertTrue(typo.err().contains("unknown command 'stauts'; did you mean status?"), typo.err());

        // A task's lines are printed once, in the log on stderr; stdout holds its result.
        Result task = java(env, "task", "analyze", "tables=t1");
        assertEquals(0, task.code(), task.err());
        assertEquals(1, task.err().lines().filter(l -> l.contains("analyzed t1")).count(), task.err());
        assertTrue(task.out().matches("task analyze \\(repo main\\): done in \\d+ ms\n"), task.out());

        files.dbmate("3", "broken", "select 1/0;", null);
        Result broken = java(env, "migrate");
        assertEquals(1, broken.code());
        assertTrue(broken.err().contains("3_broken.sql:2"), broken.err());
    }
}
