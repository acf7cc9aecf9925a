package dev.preflight.scripts;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.Target;
import dev.preflight.testing.ChildProcess;
import dev.preflight.testing.JsonSchemas;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each command typed on every surface, on the same database in the same state: the CLI
 * ({@code java -jar preflight-agent.jar}), eval ({@code bin/preflight eval}), and rpc into a running application by
 * its pid and by its Jolokia URL must print the same text, the same JSON (which matches its documented schema) and
 * the same error message, and exit with the same code. Times are the only thing that may differ.
 */
class SurfacesAgreeTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    static Path dir;

    private static String locations;
    private static String dataLocations;
    private static RpcApp app;
    private static String jolokia;

    @BeforeAll
    static void startApp() {
        locations = RpcApp.migrations(dir,
                "1_create_t1.sql", "create table t1 (id int);", "drop table t1;",
                "2_create_t2.sql", "create table t2 (id int);", "drop table t2;",
                // A lint hazard: a plain index on a table that exists before.
                "3_index_t1.sql", "create index t1_id on t1 (id);", "drop index t1_id;").toString();
        dataLocations = RpcApp.dataMigrations(dir,
                "1_seed_t1.sql", "insert into t1 values (1), (2);", "delete from t1;").toString();
        int port = RpcApp.freePort();
        jolokia = "http://127.0.0.1:" + port + "/jolokia";
        app = RpcApp.start(null, List.of(), "url=" + db.url() + ",locations=" + locations + ",data-locations="
                + dataLocations + ",startup=off,jolokia.port=" + port);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    /** Where a command is typed. */
    enum Where {
        CLI, EVAL, RPC_PID, RPC_JOLOKIA;

        ChildProcess.Result run(List<String> args) {
            List<String> settings = List.of("--url=" + db.url(), "--locations=" + locations,
                    "--data-locations=" + dataLocations);
            List<String> line = new ArrayList<>();
            switch (this) {
                case CLI -> {
                    line.addAll(List.of(ChildProcess.java(), "-jar", Launcher.AGENT_JAR.toString()));
                    line.addAll(args);
                    line.addAll(settings);
                    return ChildProcess.of(line).run();
                }
                case EVAL -> {
                    line.add("eval");
                    line.addAll(args);
                    line.addAll(settings);
                }
                case RPC_PID, RPC_JOLOKIA -> {
                    line.addAll(List.of("rpc", this == RPC_PID ? Long.toString(app.pid()) : jolokia));
                    line.addAll(args);
                }
            }
            return Launcher.command(line.toArray(String[]::new)).run();
        }
    }

    /** The database as the command finds it: nothing, then migrations up to a version, data migrations too. */
    private static Consumer<Preflight> upTo(String version, boolean data) {
        return p -> {
            if (!version.equals("0")) {
                p.migrate(Target.to(version));
            }
            if (data) {
                p.migrateData(Target.all());
            }
        };
    }

    static Stream<Arguments> commands() {
        Consumer<Preflight> one = upTo("1", false);
        Consumer<Preflight> all = upTo("3", false);
        return Stream.of(
                Arguments.of("status", one, "status", List.of("status")),
                Arguments.of("migrate", one, "migrate-result", List.of("migrate")),
                Arguments.of("rollback --step 1", all, "migrate-result", List.of("rollback", "--step", "1")),
                Arguments.of("migrate-data", all, "migrate-result", List.of("migrate-data")),
                Arguments.of("rollback-data --step 1", upTo("3", true), "migrate-result",
                        List.of("rollback-data", "--step", "1")),
                Arguments.of("validate (pending)", one, "validation", List.of("validate")),
                Arguments.of("baseline", upTo("0", false), "baseline", List.of("baseline", "--version", "2")),
                Arguments.of("repair", one, "repair", List.of("repair")),
                Arguments.of("lint", one, "lint", List.of("lint")),
                Arguments.of("tasks", one, "tasks", List.of("tasks")),
                Arguments.of("task", one, "task-run", List.of("task", "analyze", "tables=t1")),
                Arguments.of("a version it does not know", all, "error", List.of("rollback", "--to", "99999")),
                Arguments.of("a wrong task argument", one, "error", List.of("task", "analyze", "last=x")),
                Arguments.of("repair --remove of a migration that did not fail", one, "error",
                        List.of("repair", "--remove", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everySurfacePrintsTheSameAndExitsTheSame(String title, Consumer<Preflight> state, String schema,
                                                  List<String> args) throws SQLException {
        Map<Where, Printed> text = new LinkedHashMap<>();
        Map<Where, Printed> json = new LinkedHashMap<>();
        for (Where where : Where.values()) {
            text.put(where, printed(where, state, args));
            List<String> withJson = new ArrayList<>(args);
            withJson.add("--json");
            json.put(where, printed(where, state, withJson));
        }

        Printed cli = text.get(Where.CLI);
        Printed cliJson = json.get(Where.CLI);
        for (Where where : Where.values()) {
            assertEquals(cli, text.get(where), where + " prints what the CLI prints");
            assertEquals(cliJson, json.get(where), where + " prints the CLI's JSON");
        }
        assertEquals(cli.exit(), cliJson.exit(), "--json changes no exit code");
        JsonSchemas.assertOutput(schema, cliJson.stdout());
        assertTrue(cli.stdout().isEmpty() == schema.equals("error"), "an error prints no result: " + cli);
        assertTrue(cliJson.errors().isEmpty(), "--json prints its error as JSON only: " + cliJson);
    }

    /** What one run printed that the user reads, times replaced by N (and 0 in JSON, so that it stays JSON). */
    record Printed(int exit, String stdout, List<String> errors) {
    }

    private static Printed printed(Where where, Consumer<Preflight> state, List<String> args) throws SQLException {
        reset(state);
        ChildProcess.Result r = where.run(args);
        List<String> errors = r.stderr().lines().filter(l -> l.startsWith("preflight: ")).toList();
        return new Printed(r.exitCode(), normalised(r.stdout()), errors);
    }

    private static String normalised(String printed) {
        return printed.replaceAll("\\d+ ms", "N ms").replaceAll("\"millis\":\\d+", "\"millis\":0")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?( UTC|Z)", "T");
    }

    /** Empties the database, then brings it to {@code state} with the Preflight API. */
    private static void reset(Consumer<Preflight> state) throws SQLException {
        db.execute("drop schema public cascade", "create schema public");
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", db.url(), "locations", locations,
                "data-locations", dataLocations, "lint", "off"));
        try (Preflight preflight = Preflight.open(config)) {
            state.accept(preflight);
        }
    }
}
