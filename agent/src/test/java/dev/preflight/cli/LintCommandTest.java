package dev.preflight.cli;

import dev.preflight.cli.PreflightCliTest.Run;
import dev.preflight.testing.MigrationFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lint} as CI and a pre-commit hook run it, without a database: the repo's migrations or given files and
 * folders, as text, JSON or SARIF, exit 1 on a finding.
 */
class LintCommandTest {

    @TempDir
    Path tmp;
    MigrationFiles files;
    MigrationFiles pullRequest;

    @BeforeEach
    void setUp() {
        files = new MigrationFiles(tmp.resolve("migrations"));
        new MigrationFiles(tmp.resolve("data"));
        files.dbmate("1", "users", "create table users (id bigint, email text);", "drop table users;");
        pullRequest = new MigrationFiles(tmp.resolve("pr"));
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of("--locations=" + files.dir(), "--data-locations=" + tmp.resolve("data")));
        all.addAll(Arrays.asList(args));
        return PreflightCliTest.raw(all.toArray(String[]::new));
    }

    @Test
    void theRepoIsLintedUpAndDownWithoutADatabase() {
        Run clean = cli("lint");
        assertEquals(0, clean.code(), clean.err());
        assertEquals("lint main: ok\n", clean.out());
        files.dbmate("2", "email", "-- preflight:no-transaction\ncreate index concurrently users_email on users (email);",
                "drop index users_email;");
        Run hazard = cli("lint");
        assertEquals(1, hazard.code(), hazard.err());
        assertTrue(hazard.out().startsWith("drop-index-not-concurrent  " + files.dir().resolve("2_email.sql") + ":6\n"
                + "  down: DROP INDEX users_email without CONCURRENTLY"), hazard.out());
        assertTrue(hazard.out().endsWith("lint main: 1 hazard(s); accept one with -- preflight:allow <rule>\n"),
                hazard.out());
    }

    @Test
    void filesAndFoldersOutsideTheLocationsAreLintedAsOneRun() {
        Path create = pullRequest.dbmate("20240301000000", "orders", "create table orders (id bigint, user_id bigint);",
                null);
        Path index = pullRequest.dbmate("20240302000000", "orders_user", "create index orders_user on orders (user_id);",
                null);
        Path plain = pullRequest.write("hotfix.sql", "alter table users alter column email set not null;\n");
        assertEquals(0, cli("lint", index.toString(), create.toString()).code(),
                "orders is created by the other file of the run");
        Run alone = cli("lint", index.toString());
        assertEquals(1, alone.code(), alone.out());
        assertTrue(alone.out().contains("index-not-concurrent  " + index + ":2"), alone.out());
        Run folder = cli("lint", pullRequest.dir().toString());
        assertEquals(1, folder.code(), folder.out());
        assertTrue(folder.out().contains("set-not-null  " + plain + ":1"), folder.out());
        assertFalse(folder.out().contains("index-not-concurrent"), folder.out());
    }

    @Test
    void jsonAndSarifAreForScriptsAndCodeScanning() {
        Path plain = pullRequest.write("hotfix.sql", "alter table users alter column email set not null;\n");
        Run json = cli("lint", "--json", plain.toString());
        assertEquals(1, json.code(), json.err());
        assertTrue(json.out().startsWith("{\"repo\":\"main\",\"clean\":false,\"hazards\":1,\"conventions\":0,"
                + "\"findings\":[{\"rule\":\"set-not-null\",\"category\":\"hazard\",\"file\":"), json.out());
        assertEquals(json.out(), cli("lint", "--format=json", plain.toString()).out());

        Run sarif = cli("lint", "--format", "sarif", plain.toString());
        assertEquals(1, sarif.code(), sarif.err());
        assertTrue(sarif.out().contains("\"version\":\"2.1.0\""), sarif.out());
        assertTrue(sarif.out().contains("{\"ruleId\":\"set-not-null\""), sarif.out());
        assertTrue(sarif.out().contains("\"region\":{\"startLine\":1}"), sarif.out());

        Run clean = cli("lint", "--format=sarif");
        assertEquals(0, clean.code(), clean.err());
        assertTrue(clean.out().contains("\"results\":[]"), clean.out());
    }

    @Test
    void severalReposAreOneJsonLineEachAndOneSarifLog() {
        MigrationFiles audit = new MigrationFiles(tmp.resolve("audit"));
        audit.dbmate("1", "events", "create table events (id bigint);", null);
        audit.dbmate("2", "events_at", "create index events_at on events (id);", null);
        String[] repos = {"--repos=main,audit", "--audit.locations=" + audit.dir()};

        Run json = cli(concat(repos, "lint", "--json"));
        assertEquals(1, json.code(), json.err());
        List<String> lines = json.out().lines().toList();
        assertEquals(2, lines.size(), json.out());
        assertTrue(lines.get(0).startsWith("{\"repo\":\"main\",\"clean\":true"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"repo\":\"audit\",\"clean\":false"), lines.get(1));

        Run sarif = cli(concat(repos, "lint", "--format=sarif"));
        assertEquals(1, sarif.code(), sarif.err());
        assertEquals(1, sarif.out().lines().count(), "one log, not one per repo: " + sarif.out());
        assertTrue(sarif.out().startsWith("{\"$schema\":") && sarif.out().contains("\"properties\":{\"repo\":\"audit\"}"),
                sarif.out());

        Run files = cli(concat(repos, "lint", audit.dir().resolve("2_events_at.sql").toString()));
        assertEquals(1, files.code(), files.err());
        assertTrue(files.out().endsWith("lint main: 1 hazard(s); accept one with -- preflight:allow <rule>\n"),
                "files are linted once, with the default repo's settings: " + files.out());
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void conventionsAndRulesAreChosenByConfiguration() {
        Path table = pullRequest.write("t.sql", "create table public.t (id int, at timestamp);\n");
        assertEquals(0, cli("lint", table.toString()).code());
        Run conventions = cli("--lint.conventions=on", "lint", table.toString());
        assertEquals(1, conventions.code(), conventions.err());
        assertTrue(conventions.out().contains("lint main: 2 convention finding(s)"), conventions.out());
        Run one = cli("--lint.rules=hazards,prefer-timestamptz", "lint", table.toString());
        assertTrue(one.out().contains("prefer-timestamptz  ") && !one.out().contains("prefer-bigint"), one.out());
    }

    @Test
    void aBadFormatRuleOrPathIsAUsageError() {
        Run format = cli("lint", "--format=xml");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("--format takes text, json or sarif, not 'xml'"), format.err());
        Run both = cli("lint", "--json", "--format=sarif");
        assertEquals(2, both.code());
        assertTrue(both.out().startsWith("{\"error\":{\"code\":\"usage\""), both.out());
        Run other = cli("status", "--format=sarif");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("status takes no --format"), other.err());
        Run missing = cli("lint", tmp.resolve("nope.sql").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.sql does not exist"), missing.err());
        Run rule = cli("--lint.rules=hazards,prefer-timestamp", "lint");
        assertEquals(2, rule.code());
        assertTrue(rule.err().contains("did you mean prefer-timestamptz?"), rule.err());
    }
}
