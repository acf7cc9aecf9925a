package dev.preflight.demo;

import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's task as an operator runs it: the agent jar's CLI in a child JVM with the packaged demo jar on the
 * class path, so the task is found through the demo's own META-INF/services/dev.preflight.Task.
 */
class PurgeDoneTodosTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    record Run(int code, String out) {
    }

    private static Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", DemoJvm.AGENT_JAR + File.pathSeparator + DemoJvm.DEMO_JAR, "dev.preflight.cli.PreflightCli",
                "--url=" + db.url(), "--connect-retry=5s"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI did not finish");
        return new Run(p.exitValue(), out);
    }

    @Test
    void countsInADryRunThenDeletesOnlyOldDoneTodos() throws Exception {
        assertEquals(0, cli("migrate").code());
        db.execute("insert into todo (title, done, created_at) values ('old done', true, '2024-01-01'),"
                + " ('old open', false, '2024-01-01'), ('new done', true, '2024-12-01')");

        Run tasks = cli("tasks");
        assertEquals(0, tasks.code(), tasks.out());
        assertTrue(tasks.out().contains("purge-done-todos  Deletes done todos created before a day"), tasks.out());
        assertTrue(tasks.out().contains("  older-than (date yyyy-MM-dd, required): "), tasks.out());

        Run dry = cli("task", "purge-done-todos", "older-than=2024-06-01");
        assertEquals(0, dry.code(), dry.out());
        assertTrue(dry.out().contains("dry run: 1 done todo(s) created before 2024-06-01 would be deleted"), dry.out());
        assertEquals("4", db.queryValue("select count(*) from todo"));

        Run missing = cli("task", "purge-done-todos", "dry-run=false");
        assertEquals(2, missing.code(), missing.out());
        assertTrue(missing.out().contains("missing parameter older-than"), missing.out());

        Run purge = cli("task", "purge-done-todos", "older-than=2024-06-01", "dry-run=false");
        assertEquals(0, purge.code(), purge.out());
        assertTrue(purge.out().contains("deleted 1 done todo(s) created before 2024-06-01"), purge.out());
        assertEquals(List.of("new done", "old open", "try preflight: curl localhost:8081/ready"),
                db.queryColumn("select title from todo order by title"));
    }
}
