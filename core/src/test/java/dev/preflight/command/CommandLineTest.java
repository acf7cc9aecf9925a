package dev.preflight.command;

import dev.preflight.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one parser of every surface's arguments, against the declared commands. */
class CommandLineTest {

    @Test
    void optionsFlagsWordsAndSettingsAreTakenApart() {
        CommandLine line = CommandLine.parse("task", "tag", "--repo", "main", "name=a,b",
                "--url=jdbc:postgresql://db/app", "times=2", "--json");

        assertEquals(Commands.TASK, line.command());
        assertEquals(List.of("tag", "name=a,b", "times=2"), line.words());
        assertEquals(Optional.of("main"), line.value("repo"));
        assertEquals(Map.of("url", "jdbc:postgresql://db/app"), line.settings());
        assertTrue(line.flag("json"));
        assertEquals(List.of("task", "--repo", "main", "tag", "name=a,b", "times=2"), line.forTarget(),
                "a target gets neither flags nor settings");
    }

    @Test
    void lintTakesAFormatAndFilesAndFormatJsonIsJson() {
        CommandLine line = CommandLine.parse("lint", "--format", "json", "db/migrations", "hotfix.sql");

        assertEquals(Commands.LINT, line.command());
        assertEquals(List.of("db/migrations", "hotfix.sql"), line.words());
        assertTrue(line.json());
        assertTrue(CommandLine.parse("lint", "--json").json());
        assertTrue(!CommandLine.parse("lint", "--format=sarif").json());
        assertTrue(CommandLine.json(List.of("lint", "--format=json", "--stpe")), "even a line that does not parse");
        assertTrue(CommandLine.json(List.of("lint", "--format", "json")));
        assertTrue(!CommandLine.json(List.of("lint", "--format", "text")));
    }

    @Test
    void aTypoOfACommandGetsADidYouMean() {
        ConfigException e = assertThrows(ConfigException.class, () -> CommandLine.parse("stauts"));

        assertTrue(e.getMessage().startsWith("unknown command 'stauts'; did you mean status?"), e.getMessage());
    }

    @Test
    void anOptionTheCommandDoesNotTakeIsRefusedNamingItsUsage() {
        ConfigException notTaken = assertThrows(ConfigException.class, () -> CommandLine.parse("status", "--step", "1"));
        ConfigException typo = assertThrows(ConfigException.class, () -> CommandLine.parse("migrate", "--stpe", "1"));
        ConfigException word = assertThrows(ConfigException.class, () -> CommandLine.parse("status", "extra"));

        assertEquals("status takes no --step; usage: status", notTaken.getMessage());
        assertEquals("unknown option --stpe; did you mean --step? usage: migrate [--step N | --to V]",
                typo.getMessage());
        assertTrue(word.getMessage().startsWith("unexpected argument 'extra': status takes no words"),
                word.getMessage());
    }

    @Test
    void versionIsAFlagWithoutACommandAndAnOptionOfBaseline() {
        assertTrue(CommandLine.parse("--version").flag("version"));
        assertNull(CommandLine.parse("--version").command());
        assertEquals(Optional.of("17"), CommandLine.parse("baseline", "--version", "17").value("version"));
        assertEquals(Optional.of("-1"), CommandLine.parse("migrate", "--step", "-1").value("step"));
    }

    @Test
    void aScriptHasNoCommandAndKeepsEveryWord() {
        CommandLine line = CommandLine.parseScript(List.of("status", "hello", "--repo", "audit", "--json"));

        assertNull(line.command());
        assertEquals(List.of("status", "hello"), line.words());
        assertEquals(Optional.of("audit"), line.value("repo"));
    }

    @Test
    void theRepoPolicyIsOneRuleForEveryCommand() {
        List<String> repos = List.of("main", "audit");

        assertEquals(repos, RepoPolicy.EVERY.repos(CommandLine.parse("status"), repos));
        assertEquals(List.of("main"), RepoPolicy.EVERY.repos(CommandLine.parse("migrate", "--step", "1"), repos));
        assertEquals(List.of("audit"), RepoPolicy.EVERY.repos(CommandLine.parse("migrate", "--repo", "audit"), repos));
        assertEquals(List.of("main"), RepoPolicy.DEFAULT.repos(CommandLine.parse("task", "analyze"), repos));
        assertEquals(List.of("main"), RepoPolicy.NAMED.repos(CommandLine.parse("rollback", "--step", "1"),
                List.of("main")));
        ConfigException several = assertThrows(ConfigException.class,
                () -> RepoPolicy.NAMED.repos(CommandLine.parse("rollback", "--step", "1"), repos));
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> RepoPolicy.EVERY.repos(CommandLine.parse("status", "--repo", "audti"), repos));

        assertEquals("rollback with several repos (main, audit) needs --repo NAME: it never runs on every repo at once",
                several.getMessage());
        assertEquals("unknown repo `audti`; did you mean audit? The repos: main, audit", unknown.getMessage());
    }
}
