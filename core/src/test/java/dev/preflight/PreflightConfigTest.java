package dev.preflight;

import dev.preflight.config.Durations;
import dev.preflight.config.LintMode;
import dev.preflight.config.OnFailure;
import dev.preflight.config.Startup;
import dev.preflight.lint.Rule;
import dev.preflight.lint.RuleSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightConfigTest {

    private static final String SECRET = "S3cr3t-pw!";

    @TempDir
    Path dir;

    // ---- defaults and precedence ----

    @Test
    void defaultsApplyWhenNothingIsSet() {
        PreflightConfig config = PreflightConfig.fromProperties(Map.of());
        RepoConfig main = config.defaultRepo();

        assertEquals(List.of("main"), config.repoNames());
        assertEquals("main", main.name());
        assertFalse(main.hasUrl());
        assertEquals(List.of("db/migrations"), main.locations());
        assertEquals(List.of("db/data-migrations"), main.dataLocations());
        assertEquals("public", main.schema());
        assertEquals("preflight_schema_history", main.table());
        assertEquals(Optional.empty(), main.lockWait());
        assertEquals(Duration.ofSeconds(30), main.connectRetry());
        assertEquals(Duration.ofSeconds(5), main.lockTimeout());
        assertEquals(5, main.lockRetries());
        assertFalse(main.outOfOrder());
        assertFalse(main.strict());
        assertEquals(LintMode.WARN, main.lint());
        assertEquals(Optional.empty(), main.user());
        assertEquals(Optional.empty(), main.password());

        assertEquals(Startup.MIGRATE, config.startup());
        assertEquals(OnFailure.EXIT, config.onFailure());
        assertEquals(OptionalInt.empty(), config.healthPort());
        assertEquals("migrated", config.ready());
        assertEquals(OptionalInt.empty(), config.readyPort());
        assertEquals(Optional.empty(), config.hook());
        assertEquals(OptionalInt.empty(), config.jolokiaPort());
        assertEquals("127.0.0.1", config.jolokiaHost());
        assertEquals(Optional.empty(), config.jolokiaUser());
        assertEquals(Optional.empty(), config.jolokiaPassword());
        assertFalse(config.jolokiaReadOnly());
    }

    @Test
    void eachSourceOverridesThePreviousOne() throws IOException {
        writeClasspathFile("lock-timeout=1s\n");
        Path file = write("app.properties", "lock-timeout=2s\n");
        Map<String, String> env = Map.of("PREFLIGHT_LOCK_TIMEOUT", "3s");
        Map<String, String> system = Map.of("preflight.lock-timeout", "4s", "preflight.config", file.toString());
        Map<String, String> arguments = Map.of("lock-timeout", "6s");

        assertLockTimeout("5s", "default", load(null, Map.of(), Map.of(), Map.of()));
        assertLockTimeout("1s", "classpath", load(classpath(), Map.of(), Map.of(), Map.of()));
        assertLockTimeout("2s", "file", load(classpath(), Map.of(), Map.of("preflight.config", file.toString()),
                Map.of()));
        assertLockTimeout("3s", "env", load(classpath(), env, Map.of("preflight.config", file.toString()), Map.of()));
        assertLockTimeout("4s", "system", load(classpath(), env, system, Map.of()));
        assertLockTimeout("6s", "argument", load(classpath(), env, system, arguments));
    }

    private static void assertLockTimeout(String expected, String source, PreflightConfig config) {
        assertEquals(Durations.parse("lock-timeout", expected), config.defaultRepo().lockTimeout());
        assertTrue(config.describe().contains("lock-timeout=" + expected + " (" + source + ")"), config.describe());
    }

    @Test
    void aBlankValueResetsTheKeyToItsDefault() {
        PreflightConfig config = load(null, Map.of("PREFLIGHT_LINT", "error", "PREFLIGHT_HOOK", "a.B#c"),
                Map.of("preflight.lint", " "), Map.of("hook", ""));

        assertEquals(LintMode.WARN, config.defaultRepo().lint());
        assertEquals(Optional.empty(), config.hook());
    }

    @Test
    void valuesAreTrimmedButPasswordsAreNot() {
        PreflightConfig config = PreflightConfig.fromProperties(
                Map.of("schema", "  app  ", "password", " pass word ", "locations", " db/a , db/b ,"));

        assertEquals("app", config.defaultRepo().schema());
        assertEquals(Optional.of(" pass word "), config.defaultRepo().password());
        assertEquals(List.of("db/a", "db/b"), config.defaultRepo().locations());
    }

    // ---- classpath file and config file ----

    @Test
    void readsPreflightPropertiesFromTheGivenClassLoaderWithOrWithoutPrefix() throws IOException {
        writeClasspathFile("url=jdbc:postgresql://cp/db\npreflight.schema=app\n");

        PreflightConfig config = load(classpath(), Map.of(), Map.of(), Map.of());

        assertEquals("jdbc:postgresql://cp/db", config.defaultRepo().url());
        assertEquals("app", config.defaultRepo().schema());
        assertTrue(config.describe().contains("url=jdbc:postgresql://cp/db (classpath)"), config.describe());
    }

    @Test
    void theConfigFileCanBeNamedByEnvironmentSystemPropertyOrArgument() throws IOException {
        Path file = write("p.properties", "schema=from_file\n");

        assertEquals("from_file", load(null, Map.of("PREFLIGHT_CONFIG", file.toString()), Map.of(), Map.of())
                .defaultRepo().schema());
        assertEquals("from_file", load(null, Map.of(), Map.of("preflight.config", file.toString()), Map.of())
                .defaultRepo().schema());
        assertEquals("from_file", PreflightConfig.fromProperties(Map.of("config", file.toString()))
                .defaultRepo().schema());
    }

    @Test
    void theHighestSourceNamingAConfigFileWins() throws IOException {
        Path low = write("low.properties", "schema=low\n");
        Path high = write("high.properties", "schema=high\n");

        PreflightConfig config = load(null, Map.of("PREFLIGHT_CONFIG", low.toString()),
                Map.of("preflight.config", high.toString()), Map.of());

        assertEquals("high", config.defaultRepo().schema());
    }

    @Test
    void aMissingConfigFileIsAnErrorNamingThePath() {
        Path missing = dir.resolve("nowhere/preflight.properties");

        ConfigException e = assertThrows(ConfigException.class,
                () -> load(null, Map.of(), Map.of("preflight.config", missing.toString()), Map.of()));

        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dpreflight.config"), e.getMessage());
    }

    @Test
    void aConfigFileCannotNameAnotherOne() throws IOException {
        Path file = write("p.properties", "config=/etc/other.properties\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("config", file.toString())));

        assertTrue(e.getMessage().contains("cannot name a config file"), e.getMessage());
    }

    @Test
    void aKeyWrittenTwiceInOneFileIsAnError() throws IOException {
        Path file = write("p.properties", "url=jdbc:postgresql://a/b\npreflight.url=jdbc:postgresql://c/d\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("config", file.toString())));

        assertTrue(e.getMessage().contains("`url` is set twice"), e.getMessage());
    }

    // ---- DATABASE_URL and postgres:// urls ----

    @Test
    void databaseUrlIsConvertedAndItsCredentialsDecoded() {
        String url = "postgres://app%40corp:p%40ss%3Aw%2Fo%25rd+%C3%A9@db.example.com:6543/shop?sslmode=require";

        RepoConfig main = load(null, Map.of("DATABASE_URL", url), Map.of(), Map.of()).defaultRepo();

        assertEquals("jdbc:postgresql://db.example.com:6543/shop?sslmode=require", main.url());
        assertEquals(Optional.of("app@corp"), main.user());
        assertEquals(Optional.of("p@ss:w/o%rd+é"), main.password());
    }

    @Test
    void aPostgresqlSchemeUrlKeyIsConvertedToo() {
        RepoConfig main = PreflightConfig.fromProperties(Map.of("url", "postgresql://u:pw@h/db")).defaultRepo();

        assertEquals("jdbc:postgresql://h/db", main.url());
        assertEquals(Optional.of("u"), main.user());
        assertEquals(Optional.of("pw"), main.password());
    }

    @Test
    void aJdbcUrlIsKeptAsIs() {
        String url = "jdbc:postgresql://h:5432/db?user=u&password=" + SECRET;

        RepoConfig main = PreflightConfig.fromProperties(Map.of("url", url)).defaultRepo();

        assertEquals(url, main.url());
        assertEquals(Optional.empty(), main.user());
    }

    @Test
    void explicitCredentialsOfTheSameOrAHigherSourceBeatTheUrlsOwn() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://url_user:url_pw@h/db",
                "PREFLIGHT_USER", "env_user");

        PreflightConfig config = load(null, env, Map.of("preflight.password", "sys_pw"), Map.of());

        assertEquals(Optional.of("env_user"), config.defaultRepo().user());
        assertEquals(Optional.of("sys_pw"), config.defaultRepo().password());
    }

    @Test
    void credentialsOfALowerSourceLoseToTheUrlsOwn() throws IOException {
        writeClasspathFile("user=dev\npassword=dev\n");

        PreflightConfig config = load(classpath(), Map.of("DATABASE_URL", "postgres://prod:prodpw@h/db"),
                Map.of(), Map.of());

        assertEquals(Optional.of("prod"), config.defaultRepo().user());
        assertEquals(Optional.of("prodpw"), config.defaultRepo().password());
        assertTrue(config.describe().contains("user=prod (env, from DATABASE_URL)"), config.describe());
    }

    @Test
    void preflightUrlBeatsDatabaseUrlAndTheSystemPropertyBeatsBoth() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://h1/db",
                "PREFLIGHT_URL", "jdbc:postgresql://h2/db");

        assertEquals("jdbc:postgresql://h2/db", load(null, env, Map.of(), Map.of()).defaultRepo().url());
        assertEquals("jdbc:postgresql://h3/db", load(null, env, Map.of("preflight.url", "jdbc:postgresql://h3/db"),
                Map.of()).defaultRepo().url());
    }

    @Test
    void databaseUrlAppliesToTheFirstRepoOnly() {
        PreflightConfig config = load(null, Map.of("DATABASE_URL", "postgres://u:p@h/db"),
                Map.of("preflight.repos", "main,audit"), Map.of());

        assertEquals("jdbc:postgresql://h/db", config.repo("main").url());
        assertFalse(config.repo("audit").hasUrl());
        assertEquals(Optional.empty(), config.repo("audit").user());
    }

    @Test
    void anUnusedDatabaseUrlOfAnotherKindIsIgnored() {
        Map<String, String> env = Map.of("DATABASE_URL", "mysql://u:p@h/db",
                "PREFLIGHT_URL", "jdbc:postgresql://h/db");

        assertEquals("jdbc:postgresql://h/db", load(null, env, Map.of(), Map.of()).defaultRepo().url());
    }

    @Test
    void aUsedDatabaseUrlOfAnotherKindIsAnErrorWithoutItsPassword() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(null, Map.of("DATABASE_URL", "mysql://u:" + SECRET + "@h/db"), Map.of(), Map.of()));

        assertTrue(e.getMessage().contains("DATABASE_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("postgres://"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aMissingUrlIsReportedWhenTheUrlIsNeeded() {
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("repos", "main,audit"));

        ConfigException main = assertThrows(ConfigException.class, () -> config.repo("main").url());
        ConfigException audit = assertThrows(ConfigException.class, () -> config.repo("audit").url());

        assertEquals("No url configured for repo main: set preflight.url, PREFLIGHT_URL or DATABASE_URL"
                + " (or preflight.main.url for this repo only)", main.getMessage());
        assertTrue(audit.getMessage().startsWith("No url configured for repo audit: set preflight.audit.url or"
                + " PREFLIGHT_AUDIT_URL"), audit.getMessage());
    }

    // ---- several repos ----

    @Test
    void repoKeysDefaultToThePlainKeyAndTheRepoOwnKeyWins() {
        PreflightConfig config = PreflightConfig.fromProperties(Map.of(
                "repos", "main, audit",
                "url", "jdbc:postgresql://h/main",
                "audit.url", "jdbc:postgresql://h/audit",
                "lock-timeout", "10s",
                "audit.lint", "error"));

        assertEquals(List.of("main", "audit"), config.repoNames());
        assertEquals("main", config.defaultRepo().name());
        assertEquals("jdbc:postgresql://h/main", config.repo("main").url());
        assertEquals("jdbc:postgresql://h/audit", config.repo("audit").url());
        assertEquals(Duration.ofSeconds(10), config.repo("audit").lockTimeout());
        assertEquals(LintMode.WARN, config.repo("main").lint());
        assertEquals(LintMode.ERROR, config.repo("audit").lint());
    }

    @Test
    void lintRulesComeFromEverySourceAndPerRepo() {
        PreflightConfig config = load(null, Map.of("PREFLIGHT_LINT_RULES", "hazards,-drop-or-rename",
                        "PREFLIGHT_AUDIT_LINT_CONVENTIONS", "on"),
                Map.of("preflight.repos", "main,audit"), Map.of());
        RuleSelection main = config.repo("main").lintRules();
        assertFalse(main.isOn(Rule.DROP_OR_RENAME));
        assertTrue(main.isOn(Rule.SET_NOT_NULL));
        assertFalse(main.isOn(Rule.PREFER_TIMESTAMPTZ));
        assertTrue(config.repo("audit").lintRules().isOn(Rule.PREFER_TIMESTAMPTZ));
        assertEquals(RuleSelection.defaults().rules(), PreflightConfig.fromProperties(Map.of()).defaultRepo()
                .lintRules().rules());
    }

    @Test
    void anUnknownLintRuleIsAnErrorWithADidYouMean() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("lint.rules", "hazards,-set-not-nul")));
        assertTrue(e.getMessage().contains("lint.rules") && e.getMessage().contains("did you mean set-not-null?"),
                e.getMessage());
    }

    @Test
    void aRepoOwnKeyBeatsThePlainKeyOfAHigherSource() {
        PreflightConfig config = load(null, Map.of("PREFLIGHT_AUDIT_SCHEMA", "audit_schema"),
                Map.of("preflight.repos", "main,audit", "preflight.schema", "everyone"), Map.of());

        assertEquals("everyone", config.repo("main").schema());
        assertEquals("audit_schema", config.repo("audit").schema());
    }

    @Test
    void reposAfterTheFirstHaveTheirOwnDefaultFolders() {
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("repos", "main,audit"));

        assertEquals(List.of("db/migrations"), config.repo("main").locations());
        assertEquals(List.of("db/audit/migrations"), config.repo("audit").locations());
        assertEquals(List.of("db/audit/data-migrations"), config.repo("audit").dataLocations());
    }

    @Test
    void describeShowsRepoKeysPrefixedWhenThereAreSeveralRepos() {
        String describe = PreflightConfig.fromProperties(Map.of("repos", "main,audit", "audit.url",
                "jdbc:postgresql://h/a")).describe();

        assertTrue(describe.contains("audit.url=jdbc:postgresql://h/a (argument)"), describe);
        assertTrue(describe.contains("main.url=<not set> (default)"), describe);
        assertTrue(describe.contains("audit.locations=db/audit/migrations (default)"), describe);
    }

    @Test
    void anUnknownRepoIsAnErrorListingTheKnownOnes() {
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("repos", "main,audit"));

        ConfigException e = assertThrows(ConfigException.class, () -> config.repo("billing"));

        assertTrue(e.getMessage().contains("`billing`"), e.getMessage());
        assertTrue(e.getMessage().contains("main, audit"), e.getMessage());
    }

    // ---- environment ----

    @Test
    void environmentNamesMapToDottedDashedAndRepoPrefixedKeys() {
        Map<String, String> env = Map.of(
                "PREFLIGHT_REPOS", "main,audit",
                "PREFLIGHT_DATA_LOCATIONS", "db/d1,db/d2",
                "PREFLIGHT_HEALTH_PORT", "8081",
                "PREFLIGHT_AUDIT_URL", "jdbc:postgresql://h/audit",
                "PREFLIGHT_AUDIT_LOCK_TIMEOUT", "2s",
                "PREFLIGHT_JOLOKIA_READ_ONLY", "true",
                "PREFLIGHT_ON_FAILURE", "continue");

        PreflightConfig config = load(null, env, Map.of(), Map.of());

        assertEquals(List.of("db/d1", "db/d2"), config.repo("main").dataLocations());
        assertEquals(OptionalInt.of(8081), config.healthPort());
        assertEquals("jdbc:postgresql://h/audit", config.repo("audit").url());
        assertEquals(Duration.ofSeconds(2), config.repo("audit").lockTimeout());
        assertEquals(Duration.ofSeconds(5), config.repo("main").lockTimeout());
        assertTrue(config.jolokiaReadOnly());
        assertEquals(OnFailure.CONTINUE, config.onFailure());
    }

    @Test
    void unknownEnvironmentVariablesAreOnlyWarnedAbout() {
        Map<String, String> env = Map.of(
                "PREFLIGHT_LOCK_TIMOUT", "1s",
                "PREFLIGHT_BILLING_URL", "jdbc:postgresql://h/b",
                "PREFLIGHT_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1/postgres",
                "PATH", "/usr/bin");

        PreflightConfig config = load(null, env, Map.of(), Map.of());

        assertEquals(Duration.ofSeconds(5), config.defaultRepo().lockTimeout());
    }

    @Test
    void anEnvironmentNameShadowedByARepoNameIsAmbiguous() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(null,
                Map.of("PREFLIGHT_DATA_LOCATIONS", "db/x"), Map.of("preflight.repos", "main,data"), Map.of()));

        assertTrue(e.getMessage().contains("PREFLIGHT_DATA_LOCATIONS is ambiguous"), e.getMessage());
        assertTrue(e.getMessage().contains("`data-locations`"), e.getMessage());
        assertTrue(e.getMessage().contains("`data.locations`"), e.getMessage());
    }

    // ---- agent arguments ----

    @Test
    void agentArgumentsAreSplitAndTheirListsConverted() {
        Map<String, String> args = PreflightConfig.parseAgentArguments(
                "url=jdbc:postgresql://h/db?sslmode=require&user=u,locations=db/a;db/b,audit.data-locations=x;y,"
                        + "repos=main;audit,startup=off");

        assertEquals(Map.of("url", "jdbc:postgresql://h/db?sslmode=require&user=u", "locations", "db/a,db/b",
                "audit.data-locations", "x,y", "repos", "main,audit", "startup", "off"), args);
        PreflightConfig config = load(null, Map.of(), Map.of(), args);
        assertEquals(List.of("db/a", "db/b"), config.repo("main").locations());
        assertEquals(List.of("x", "y"), config.repo("audit").dataLocations());
    }

    @Test
    void emptyAgentArgumentsGiveAnEmptyMap() {
        assertEquals(Map.of(), PreflightConfig.parseAgentArguments(null));
        assertEquals(Map.of(), PreflightConfig.parseAgentArguments(""));
        assertEquals(Map.of(), PreflightConfig.parseAgentArguments("  "));
        assertEquals(Map.of("startup", "off"), PreflightConfig.parseAgentArguments("startup=off,"));
    }

    @Test
    void anAgentArgumentWithoutEqualsIsAnErrorNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.parseAgentArguments("startup=off,verbose"));

        assertTrue(e.getMessage().contains("`verbose`"), e.getMessage());
    }

    @Test
    void anAgentArgumentGivenTwiceIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.parseAgentArguments("lint=off,lint=error"));

        assertTrue(e.getMessage().contains("`lint` is given twice"), e.getMessage());
    }

    @Test
    void aPasswordWithACommaInAgentArgumentsIsNotEchoed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.parseAgentArguments("password=S3cr,3t-pw,startup=off"));

        assertFalse(e.getMessage().contains("3t-pw"), e.getMessage());
        assertTrue(e.getMessage().contains("PREFLIGHT_PASSWORD"), e.getMessage());
    }

    // ---- unknown keys ----

    @Test
    void anUnknownKeyInTheConfigFileIsAnErrorWithASuggestion() throws IOException {
        Path file = write("p.properties", "lock-timout=5s\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("config", file.toString())));

        assertEquals("Unknown key `lock-timout` in file " + file.toAbsolutePath()
                + ": did you mean `lock-timeout`?", e.getMessage());
    }

    @Test
    void anUnknownSystemPropertyIsAnErrorWithASuggestionInTheSameSpelling() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(null, Map.of(), Map.of("preflight.jolokia.readonly", "true"), Map.of()));

        assertEquals("Unknown key `preflight.jolokia.readonly` in system properties:"
                + " did you mean `preflight.jolokia.read-only`?", e.getMessage());
    }

    @Test
    void anUnknownArgumentIsAnErrorWithASuggestionIncludingRepoKeys() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("repos", "main,audit", "audit.lock-timout", "1s")));

        assertTrue(e.getMessage().contains("`audit.lock-timout` in arguments: did you mean `audit.lock-timeout`?"),
                e.getMessage());
    }

    @Test
    void aRepoKeyOfAnUnconfiguredRepoSaysToAddTheRepo() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("billing.url", "jdbc:postgresql://h/b")));

        assertTrue(e.getMessage().contains("`billing` is not a repo; add it to repos (now: main)"), e.getMessage());
    }

    @Test
    void aPrefixedArgumentSaysToDropThePrefix() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("preflight.url", "jdbc:postgresql://h/b")));

        assertTrue(e.getMessage().contains("write it without the prefix, `url`"), e.getMessage());
    }

    @Test
    void anUnknownKeyFarFromEveryKeyListsTheKeys() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("colour", "blue")));

        assertTrue(e.getMessage().contains("the keys are url, user, password"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("lint", "loud", "strict", "yes", "colour", "blue")));

        assertTrue(e.getMessage().startsWith("3 configuration problems:"), e.getMessage());
    }

    // ---- validation ----

    @Test
    void badEnumValuesNameTheKeyTheSourceTheValueAndTheChoices() {
        assertInvalid(Map.of("startup", "later"),
                "Invalid startup `later` (from argument startup): use one of migrate, validate, off");
        assertInvalid(Map.of("on-failure", "retry"),
                "Invalid on-failure `retry` (from argument on-failure): use one of exit, continue");
        assertInvalid(Map.of("lint", "loud"),
                "Invalid lint `loud` (from argument lint): use one of warn, error, off");
    }

    @Test
    void badValuesFromTheEnvironmentNameTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(null, Map.of("PREFLIGHT_LOCK_TIMEOUT", "5"), Map.of(), Map.of()));

        assertTrue(e.getMessage().startsWith("Invalid lock-timeout `5` (from env PREFLIGHT_LOCK_TIMEOUT): add a unit,"
                + " e.g. 5s"), e.getMessage());
    }

    @Test
    void badBooleansPortsAndCountsAreRefused() {
        assertInvalid(Map.of("strict", "yes"), "Invalid strict `yes` (from argument strict): use true or false");
        assertInvalid(Map.of("out-of-order", "TRUE"),
                "Invalid out-of-order `TRUE` (from argument out-of-order): use true or false");
        assertInvalid(Map.of("health.port", "0"),
                "Invalid health.port `0` (from argument health.port): use a port from 1 to 65535");
        assertInvalid(Map.of("jolokia.port", "65536"),
                "Invalid jolokia.port `65536` (from argument jolokia.port): use a port from 1 to 65535");
        assertInvalid(Map.of("health.port", "http"),
                "Invalid health.port `http` (from argument health.port): use a port from 1 to 65535");
        assertInvalid(Map.of("lock-retries", "-1"),
                "Invalid lock-retries `-1` (from argument lock-retries): use a whole number of 0 or more, e.g. 5");
    }

    @Test
    void badDurationsAreRefused() {
        assertInvalid(Map.of("connect-retry", "30"), "Invalid connect-retry `30` (from argument connect-retry):"
                + " add a unit, e.g. 30s (units d, h, m, s, ms, largest first, e.g. 500ms, 5s, 2m, 1h, 1m30s)");
        assertInvalid(Map.of("lock-wait", "forever"), "Invalid lock-wait `forever` (from argument lock-wait):"
                + " use unlimited or a duration: not a duration; units d, h, m, s, ms, largest first, e.g. 500ms,"
                + " 5s, 2m, 1h, 1m30s");
    }

    @Test
    void lockWaitIsUnlimitedOrADuration() {
        assertEquals(Optional.of(Duration.ofMinutes(10)),
                PreflightConfig.fromProperties(Map.of("lock-wait", "10m")).defaultRepo().lockWait());
        assertEquals(Optional.empty(),
                PreflightConfig.fromProperties(Map.of("lock-wait", "unlimited")).defaultRepo().lockWait());
    }

    @Test
    void readyIsMigratedOrAPort() {
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("ready", "port:8080"));
        assertEquals("port:8080", config.ready());
        assertEquals(OptionalInt.of(8080), config.readyPort());

        assertInvalid(Map.of("ready", "port:x"), "Invalid ready `port:x` (from argument ready):"
                + " use migrated or port:<n> with n from 1 to 65535, e.g. port:8080");
        assertInvalid(Map.of("ready", "started"), "Invalid ready `started` (from argument ready):"
                + " use migrated or port:<n> with n from 1 to 65535, e.g. port:8080");
    }

    @Test
    void hookIsClassHashMethod() {
        assertEquals(Optional.of("com.example.App$Inner#start"),
                PreflightConfig.fromProperties(Map.of("hook", "com.example.App$Inner#start")).hook());

        assertInvalid(Map.of("hook", "com.example.App.main"), "Invalid hook `com.example.App.main` (from argument"
                + " hook): use Class#method with the fully qualified class name, e.g. com.example.App#main");
        assertInvalid(Map.of("hook", "App#"), "Invalid hook `App#` (from argument hook): use Class#method with the"
                + " fully qualified class name, e.g. com.example.App#main");
    }

    @Test
    void repoNamesAreChecked() {
        assertInvalid(Map.of("repos", "main,Audit"), "Invalid repos `main,Audit` (from argument repos):"
                + " repo name `Audit` must match [a-z][a-z0-9_-]*, e.g. main,audit");
        assertInvalid(Map.of("repos", "main,main"),
                "Invalid repos `main,main` (from argument repos): repo `main` is listed twice");
        assertInvalid(Map.of("repos", "main,jolokia"), "Invalid repos `main,jolokia` (from argument repos):"
                + " repo name `jolokia` is reserved (`jolokia.user` is a global key); choose another name");
        assertInvalid(Map.of("repos", " , "),
                "Invalid repos ` , ` (from argument repos): give at least one item, comma-separated");
    }

    @Test
    void aUrlOfAnotherKindIsRefused() {
        assertInvalid(Map.of("url", "mysql://h/db"), "Invalid url `mysql://h/db` (from argument url):"
                + " expected jdbc:postgresql://host:port/database or postgres://user:password@host:port/database");
        assertInvalid(Map.of("url", "postgres://u:p@/db"), "Invalid url `postgres://u:*****@/db` (from argument"
                + " url): no host; expected jdbc:postgresql://host:port/database"
                + " or postgres://user:password@host:port/database");
    }

    @Test
    void jolokiaUserAndPasswordGoTogether() {
        assertInvalid(Map.of("jolokia.user", "ops"),
                "`jolokia.user` is set (from argument jolokia.user) but `jolokia.password` is not;"
                        + " set both or neither");
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("jolokia.user", "ops", "jolokia.password",
                SECRET, "jolokia.port", "8778", "jolokia.host", "0.0.0.0", "jolokia.keystore", "/etc/jolokia.p12"));
        assertEquals(Optional.of("ops"), config.jolokiaUser());
        assertEquals(Optional.of(SECRET), config.jolokiaPassword());
        assertEquals(OptionalInt.of(8778), config.jolokiaPort());
        assertEquals("0.0.0.0", config.jolokiaHost());
    }

    @Test
    void jolokiaOnANonLoopbackAddressNeedsALogin() {
        assertInvalid(Map.of("jolokia.port", "8778", "jolokia.host", "0.0.0.0", "jolokia.plain-http", "true"),
                "Jolokia would listen on 0.0.0.0 (jolokia.host from argument jolokia.host), which is not a loopback"
                        + " address, without a login: set jolokia.user and jolokia.password, or bind to 127.0.0.1");
        assertEquals(OptionalInt.of(8778), PreflightConfig.fromProperties(Map.of("jolokia.port", "8778")).jolokiaPort());
        assertEquals("localhost", PreflightConfig.fromProperties(Map.of("jolokia.port", "8778", "jolokia.host",
                "localhost")).jolokiaHost());
    }

    @Test
    void jolokiaOnANonLoopbackAddressNeedsHttpsUnlessPlainHttpIsAskedForByName() {
        Map<String, String> login = Map.of("jolokia.port", "8778", "jolokia.host", "10.0.0.7", "jolokia.user", "ops",
                "jolokia.password", SECRET);
        ConfigException plain = assertThrows(ConfigException.class, () -> PreflightConfig.fromProperties(login));
        assertTrue(plain.getMessage().contains("over plain http") && plain.getMessage().contains("jolokia.keystore")
                && plain.getMessage().contains("jolokia.plain-http=true"), plain.getMessage());
        assertFalse(plain.getMessage().contains(SECRET), plain.getMessage());

        Map<String, String> asked = new HashMap<>(login);
        asked.put("jolokia.plain-http", "true");
        assertFalse(PreflightConfig.fromProperties(asked).jolokiaHttps());

        Map<String, String> pem = new HashMap<>(login);
        pem.put("jolokia.cert", "/etc/jolokia/cert.pem");
        pem.put("jolokia.key", "/etc/jolokia/key.pem");
        PreflightConfig https = PreflightConfig.fromProperties(pem);
        assertTrue(https.jolokiaHttps());
        assertEquals(Optional.of("/etc/jolokia/cert.pem"), https.jolokiaCert());

        assertInvalid(Map.of("jolokia.cert", "/c.pem"), "`jolokia.cert` is set (from argument jolokia.cert) but"
                + " `jolokia.key` is not; Jolokia's https needs both PEM files");
        assertInvalid(Map.of("jolokia.keystore", "/k.p12", "jolokia.cert", "/c.pem", "jolokia.key", "/k.pem"),
                "both `jolokia.keystore` and `jolokia.cert` are set; give Jolokia's certificate one way: a keystore,"
                        + " or PEM files");
        // On loopback plain http stays the default.
        assertFalse(PreflightConfig.fromProperties(Map.of("jolokia.port", "8778")).jolokiaHttps());
    }

    @Test
    void healthEndpointsListenOnEveryInterfaceUnlessRestricted() {
        assertEquals("0.0.0.0", PreflightConfig.fromProperties(Map.of()).healthHost());
        assertEquals("127.0.0.1", PreflightConfig.fromProperties(Map.of("health.host", "127.0.0.1")).healthHost());
    }

    // ---- passwords ----

    @Test
    void passwordsAppearNowhereInDescribeOrToString() {
        PreflightConfig config = load(null,
                Map.of("DATABASE_URL", "postgres://u:" + SECRET + "@h/db"),
                Map.of("preflight.repos", "main,audit", "preflight.jolokia.user", "ops",
                        "preflight.jolokia.password", SECRET),
                Map.of("audit.url", "jdbc:postgresql://h/audit?user=a&password=" + SECRET + "&sslmode=require"));

        for (String text : List.of(config.describe(), config.toString(), config.repo("main").toString(),
                config.repo("audit").toString())) {
            assertFalse(text.contains(SECRET), text);
        }
        assertTrue(config.describe().contains("main.password=***** (env, from DATABASE_URL)"), config.describe());
        assertTrue(config.describe().contains("jolokia.password=***** (system)"), config.describe());
        assertTrue(config.describe().contains(
                "audit.url=jdbc:postgresql://h/audit?user=a&password=*****&sslmode=require (argument)"),
                config.describe());
    }

    @Test
    void errorsNextToAPasswordDoNotShowIt() throws IOException {
        Path file = write("p.properties", "password=" + SECRET + "\nlock-timeout=5\n");
        Map<String, String> args = Map.of("password", SECRET, "url", "jdbc:postgresql://h/db?password=" + SECRET,
                "lint", "loud", "jolokia.password", SECRET, "pasword", SECRET);

        ConfigException fromFile = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("config", file.toString())));
        ConfigException fromArgs = assertThrows(ConfigException.class, () -> PreflightConfig.fromProperties(args));
        ConfigException badUrl = assertThrows(ConfigException.class,
                () -> PreflightConfig.fromProperties(Map.of("url", "postgres://u:" + SECRET + "@/db")));

        for (ConfigException e : List.of(fromFile, fromArgs, badUrl)) {
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains(SECRET), e.getMessage());
        }
        assertTrue(fromArgs.getMessage().contains("did you mean `password`?"), fromArgs.getMessage());
    }

    // ---- helpers ----

    private static void assertInvalid(Map<String, String> settings, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> PreflightConfig.fromProperties(settings));
        assertEquals(message, e.getMessage());
    }

    private static PreflightConfig load(ClassLoader loader, Map<String, String> env, Map<String, String> system,
                                        Map<String, String> arguments) {
        Properties properties = new Properties();
        properties.putAll(new HashMap<>(system));
        return PreflightConfig.load(loader, env, properties, arguments);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private void writeClasspathFile(String content) throws IOException {
        Files.createDirectories(dir.resolve("classes"));
        Files.writeString(dir.resolve("classes/preflight.properties"), content, StandardCharsets.UTF_8);
    }

    /** Sees only the temp folder, not the test classpath. */
    private ClassLoader classpath() throws IOException {
        return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null);
    }
}
