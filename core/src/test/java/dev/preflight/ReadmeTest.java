package dev.preflight;

import dev.preflight.config.ConfigKey;
import dev.preflight.config.ConfigKeys;
import dev.preflight.lint.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's tables are where users look up keys and lint rules: they must list every one. */
class ReadmeTest {

    @Test
    void readmeDocumentsEveryConfigKey() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ConfigKey key : ConfigKeys.all()) {
            assertTrue(readme.contains("| `" + key.name() + "` |"), "README.md has no table row for " + key.name());
        }
    }

    @Test
    void readmeDocumentsEveryLintRule() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Rule rule : Rule.values()) {
            assertTrue(readme.contains("| `" + rule.id() + "` |"), "README.md has no lint table row for " + rule.id());
        }
    }
}
