package dev.preflight.cli;

import dev.preflight.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared command-line parser, as eval and rpc use it: words after the command are kept only when asked for. */
class CliArgumentsTest {

    private static final List<String> COMMANDS = List.of("status", "task");

    @Test
    void wordsAfterTheCommandAreKeptBesideOptionsAndSettings() {
        CliArguments a = CliArguments.parseWithWords(new String[] {"task", "tag", "--repo", "main", "name=a,b",
                "--url=jdbc:postgresql://db/app", "times=2", "--json"}, COMMANDS);

        assertEquals("task", a.command());
        assertEquals(List.of("tag", "name=a,b", "times=2"), a.words());
        assertEquals(Optional.of("main"), a.value("repo"));
        assertEquals(Map.of("url", "jdbc:postgresql://db/app"), a.settings());
        assertTrue(a.flag("json"));
    }

    @Test
    void theCliStillRefusesStrayWords() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CliArguments.parse(new String[] {"status", "extra"}, COMMANDS));

        assertEquals("unexpected argument 'extra'", e.getMessage());
    }
}
