package dev.preflight.rpc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What rpc decides before it talks to anyone: usage, targets, agent arguments, passwords kept out of messages. */
class PreflightRpcTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PreflightRpc.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpIsExitCode0AndNoArgumentsIsAUsageError() {
        assertEquals(0, run("help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("Usage: bin/preflight rpc <target> <command> [options]"), help);
        assertTrue(help.contains("  jobs  ") && help.contains("\nExit codes:\n  0  done\n"), help);
        assertEquals(2, run());
        assertTrue(err().contains("preflight: no target and no command given\nRun `bin/preflight rpc help`"), err());
    }

    @Test
    void anErrorIsJsonWithJson() {
        assertEquals(2, run("http://127.0.0.1:1/jolokia", "stauts", "--json"));
        assertEquals("{\"error\":{\"code\":\"usage\",\"message\":\"unknown command 'stauts'; did you mean status?"
                + " The commands: status, migrate, rollback, migrate-data, rollback-data, validate, baseline, repair, lint,"
                + " tasks, task, jobs, help\",\"file\":null,\"line\":null}}\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err(), "with --json the error is on stdout only");
    }

    @Test
    void anUnknownTargetOrOperationIsExitCode2() {
        assertEquals(2, run("db.example.com", "status"));
        assertTrue(err().contains("not a target: 'db.example.com'"), err());
        assertEquals(2, run("http://127.0.0.1:1/jolokia", "explode"));
        assertTrue(err().contains("unknown command 'explode'"), err());
    }

    @Test
    void settingsAreRefusedForAUrlTargetBeforeConnecting() {
        assertEquals(2, run("http://127.0.0.1:1/jolokia", "status", "--password=hunter2"));
        assertTrue(err().contains("--password: settings are only for a pid target"), err());
        assertFalse(err().contains("hunter2"), err());
    }

    @Test
    void wordsAreOnlyForATaskWhichNeedsAName() {
        // Rejected before any connection: nothing listens on port 1.
        assertEquals(2, run("http://127.0.0.1:1/jolokia", "status", "stray"));
        assertTrue(err().contains("unexpected argument 'stray'"), err());
        assertEquals(2, run("http://127.0.0.1:1/jolokia", "task"));
        assertTrue(err().contains("task needs a name"), err());
    }

    @Test
    void targetsByShape() {
        assertEquals("pid", Targets.kind("12345"));
        assertEquals("jmx", Targets.kind("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi"));
        assertEquals("jolokia", Targets.kind("https://host:8778/jolokia"));
        assertEquals(null, Targets.kind("host:8778"));
    }

    @Test
    void agentArgumentsUseSemicolonsForLists() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("url", "jdbc:postgresql://db/app");
        config.put("locations", "db/a,db/b");
        assertEquals("url=jdbc:postgresql://db/app,locations=db/a;db/b", Targets.agentArguments(config));
    }

    @Test
    void aPasswordInAUrlIsNeverPrinted() {
        assertEquals("http://ops:***@127.0.0.1:8778/jolokia", Targets.printable("http://ops:s3cret@127.0.0.1:8778/jolokia"));
        assertEquals(3, run("http://ops:s3cret@127.0.0.1:1/jolokia", "status"));
        assertTrue(err().contains("cannot reach Jolokia at http://127.0.0.1:1/jolokia"), err());
        assertFalse(err().contains("s3cret"), err());
    }
}
