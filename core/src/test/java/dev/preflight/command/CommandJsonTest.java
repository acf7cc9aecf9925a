package dev.preflight.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.PreflightConfig;
import dev.preflight.lint.Rule;
import dev.preflight.testing.JsonSchemas;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's {@code --json}, run as the CLI and eval run it (in this JVM, against a real database), parsed and
 * held against its documented schema in {@code docs/json-schema}, errors included.
 */
class CommandJsonTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    MigrationFiles files;
    MigrationFiles data;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(tmp.resolve("migrations"));
        data = new MigrationFiles(tmp.resolve("data"));
        files.table("1");
        files.table("2");
        files.table("3");
        data.dbmate("1", "seed", "insert into t1 values (1);", "delete from t1;");
    }

    private Run json(String... args) {
        List<String> all = new ArrayList<>(List.of("--url=" + db.url(), "--locations=" + files.dir(),
                "--data-locations=" + data.dir(), "--connect-retry=1s", "--json"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Console.run(Surface.CLI, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                overrides -> PreflightConfig.load(getClass().getClassLoader(), overrides), null);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args} with --json, checks the exit code and every line against the command's schema. */
    private List<JsonNode> check(int exit, String schema, String... args) {
        Run run = json(args);
        assertEquals(exit, run.code(), run.toString());
        return JsonSchemas.assertOutput(schema, run.out());
    }

    private JsonNode error(int exit, String... args) {
        List<JsonNode> lines = check(exit, "error", args);
        JsonNode error = lines.get(lines.size() - 1).get("error");
        assertTrue(error != null, lines.toString());
        return error;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void everyCommandPrintsItsSchema() {
        JsonNode status = check(0, "status", "status").get(0);
        assertEquals(3, status.get("pending").asInt());
        assertEquals("down", status.get("migrations").get(0).get("status").asText());

        JsonNode step = check(0, "migrate-result", "migrate", "--step", "1").get(0);
        assertEquals("1", step.get("migrations").get(0).get("id").asText());
        assertTrue(step.get("migrations").get(0).get("millis").isIntegralNumber());
        assertEquals(2, check(0, "migrate-result", "migrate").get(0).get("migrations").size());
        assertEquals("migrate-data", check(0, "migrate-result", "migrate-data").get(0).get("operation").asText());
        assertEquals("rollback-data", check(0, "migrate-result", "rollback-data", "--step", "1").get(0)
                .get("operation").asText());
        assertEquals("3", check(0, "migrate-result", "rollback", "--step", "1").get(0).get("migrations").get(0)
                .get("id").asText());

        JsonNode valid = check(1, "validation", "validate").get(0);
        assertEquals(List.of("pending"), texts(valid.get("kinds")));
        assertEquals(0, check(0, "repair", "repair").get(0).get("actions").size());
        assertEquals("2", check(0, "baseline", "baseline", "--version", "2", "--table=fresh_history").get(0)
                .get("version").asText());
        assertEquals(0, check(0, "lint", "lint").get(0).get("findings").size());
        JsonNode tasks = check(0, "tasks", "tasks").get(0).get("tasks");
        assertEquals("analyze", tasks.get(0).get("name").asText());
        assertEquals("int", tasks.get(0).get("parameters").get(0).get("type").asText());
        JsonNode task = check(0, "task-run", "task", "analyze", "tables=t1").get(0);
        assertEquals("t1", task.get("arguments").get("tables").asText());
        assertEquals("1", task.get("arguments").get("last").asText(), "defaults included");
        JsonNode help = check(0, "help", "help").get(0);
        assertEquals("status", help.get("commands").get(0).get("name").asText());
        assertEquals(1, check(0, "help", "help", "task").get(0).get("commands").size());
    }

    @Test
    void lintFindingsSayTheirCategoryAndVersions() {
        Path hotfix = new MigrationFiles(tmp.resolve("pr")).write("hotfix.sql",
                "alter table t1 alter column id set not null;\ncreate table t9 (at timestamp);\n");

        JsonNode report = check(1, "lint", "lint", "--lint.conventions=on", hotfix.toString()).get(0);

        assertEquals("main", report.get("repo").asText());
        assertEquals(false, report.get("clean").asBoolean());
        assertEquals(Set.of("hazard", "convention"), new TreeSet<>(report.get("findings").findValues("category")
                .stream().map(JsonNode::asText).toList()));
        assertEquals(1, report.get("hazards").asInt(), report.toString());
        JsonNode setNotNull = StreamSupport.stream(report.get("findings").spliterator(), false)
                .filter(f -> f.get("category").asText().equals("hazard")).findFirst().orElseThrow();
        assertEquals("set-not-null", setNotNull.get("rule").asText());
        assertEquals(hotfix.toString(), setNotNull.get("file").asText());
        assertEquals(Rule.SET_NOT_NULL.versions(), setNotNull.get("versions").asText());
        assertEquals("usage", error(2, "lint", "--format=sarif").get("code").asText(), "--json and sarif disagree");
    }

    @Test
    void validateSaysWhichKindsOfProblemItFound() {
        check(0, "migrate-result", "migrate", "--to", "2");
        files.dbmate("2", "create_t2", "create table t2 (id bigint primary key, changed int);", "drop table t2;");
        files.delete("1_create_t1.sql");

        JsonNode report = check(1, "validation", "validate").get(0);

        assertEquals(List.of("pending", "changed", "missing"), texts(report.get("kinds")));
        assertEquals(List.of("changed", "missing", "pending"),
                report.get("problems").findValues("kind").stream().map(JsonNode::asText).toList());
        assertTrue(report.get("problems").get(0).get("message").asText().contains("2_create_t2.sql"));
    }

    @Test
    void errorsAreJsonWithTheirCodeAndWhereKnownTheFileAndLine() {
        JsonNode typo = error(2, "stauts");
        assertEquals("usage", typo.get("code").asText());
        assertTrue(typo.get("message").asText().startsWith("unknown command 'stauts'; did you mean status?"));
        assertTrue(typo.get("file").isNull() && typo.get("line").isNull());

        assertEquals("usage", error(2, "rollback", "--to", "99999").get("code").asText());
        assertEquals("usage", error(2, "jobs").get("code").asText(), "jobs only exist in a running application");

        files.write("4_broken.sql", "-- migrate:up\ncreate table t4 (id int);\nselect 'unterminated;\n");
        JsonNode broken = error(1, "migrate");
        assertEquals("failed", broken.get("code").asText());
        assertTrue(broken.get("file").asText().endsWith("4_broken.sql"), broken.toString());
        assertEquals(3, broken.get("line").asInt(), broken.toString());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Console.run(Surface.CLI, List.of("status", "--json", "--url=jdbc:postgresql://127.0.0.1:1/none",
                "--connect-retry=1s", "--locations=" + files.dir(), "--data-locations=" + data.dir()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                overrides -> PreflightConfig.load(getClass().getClassLoader(), overrides), null);
        assertEquals(3, code, out.toString(StandardCharsets.UTF_8));
        JsonNode unreachable = JsonSchemas.assertOutput("error", out.toString(StandardCharsets.UTF_8)).get(0);
        assertEquals("unreachable", unreachable.get("error").get("code").asText());
    }

    @Test
    void aStatementThatFailsWhileRunningSaysItsFileAndLine() {
        files.write("4_fails.sql", "-- migrate:up\ncreate table t4 (id int);\n\ninsert into no_such_table values (1);\n");

        JsonNode failed = error(1, "migrate");

        assertEquals("failed", failed.get("code").asText());
        assertTrue(failed.get("file").asText().endsWith("4_fails.sql"), failed.toString());
        assertEquals(4, failed.get("line").asInt(), failed.toString());
    }

    @Test
    void aHalfAppliedMigrationShowsWhereItStoppedAndRepairMendsIt() {
        check(0, "migrate-result", "migrate");
        files.write("4_nt.sql", "-- migrate:up transaction:false\ncreate table t4 (id int);\n"
                + "insert into no_such_table values (1);\n-- migrate:down\ndrop table t4;\n");

        JsonNode failed = error(1, "migrate");
        assertTrue(failed.get("file").asText().endsWith("4_nt.sql"), failed.toString());
        assertEquals(3, failed.get("line").asInt(), failed.toString());
        JsonNode row = check(0, "status", "status").get(0).get("migrations").get(3);
        assertEquals("4", row.get("id").asText());
        assertEquals("FAILED", row.get("status").asText());
        assertEquals("statement 2 of 2", row.get("detail").asText());
        assertEquals(List.of("failed"), texts(check(1, "validation", "validate").get(0).get("kinds")));

        assertEquals("usage", error(2, "repair", "--mark-applied", "4", "--remove", "4").get("code").asText());
        JsonNode unknown = error(2, "repair", "--remove", "9");
        assertTrue(unknown.get("message").asText().startsWith("no failed or interrupted migration has version 9"),
                unknown.toString());
        assertEquals(List.of("recorded schema migration 4 nt as applied"),
                texts(check(0, "repair", "repair", "--mark-applied", "4").get(0).get("actions")));
        assertEquals("up", check(0, "status", "status").get(0).get("migrations").get(3).get("status").asText());
    }

    @Test
    void aSchemaRefusesWhatItDoesNotDocument() {
        JsonSchemas.assertMatches("baseline", "{\"repo\":\"main\",\"version\":\"2\"}");
        assertThrows(AssertionError.class,
                () -> JsonSchemas.assertMatches("baseline", "{\"repo\":\"main\",\"version\":\"2\",\"extra\":1}"));
        assertThrows(AssertionError.class, () -> JsonSchemas.assertMatches("baseline", "{\"repo\":\"main\"}"));
    }

    @Test
    void theDeclaredSchemasAreTheDocumentedOnes() {
        Set<String> declared = new TreeSet<>();
        Commands.all().forEach(c -> declared.add(c.schema()));
        declared.add("error");

        assertEquals(new TreeSet<>(JsonSchemas.names()), declared);
    }
}
