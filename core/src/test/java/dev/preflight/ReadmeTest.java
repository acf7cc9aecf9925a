package dev.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preflight.command.Commands;
import dev.preflight.command.Help;
import dev.preflight.command.Surface;
import dev.preflight.config.ConfigKey;
import dev.preflight.config.ConfigKeys;
import dev.preflight.lint.Rule;
import dev.preflight.testing.JsonSchemas;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README is where users look things up: its configuration table, its tables of commands and exit codes, its list of
 * JSON schemas and its table of lint rules must say what the code (and so {@code help}) says.
 */
class ReadmeTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"));
    }

    @Test
    void readmeDocumentsEveryConfigKeyAsHelpDoes() throws Exception {
        String readme = readme();
        String help = Help.of(Surface.CLI, List.of()).toText();

        assertTrue(readme.contains(Help.configurationTable()), "README.md's configuration table is out of date; it"
                + " is:\n" + Help.configurationTable());
        for (ConfigKey key : ConfigKeys.all()) {
            assertTrue(help.contains(key.description()), key.name());
        }
    }

    @Test
    void readmeDocumentsEveryLintRule() throws Exception {
        String readme = readme();
        for (Rule rule : Rule.values()) {
            assertTrue(readme.contains("| `" + rule.id() + "` |"), "README.md has no lint table row for " + rule.id());
        }
    }

    @Test
    void readmesCommandAndExitCodeTablesAreHelpsDeclarations() throws Exception {
        String readme = readme();

        assertTrue(readme.contains(Help.commandsTable()), "README.md's table of commands is out of date; it is:\n"
                + Help.commandsTable());
        assertTrue(readme.contains(Help.exitCodesTable()), "README.md's table of exit codes is out of date; it is:\n"
                + Help.exitCodesTable());
        for (Surface surface : Surface.values()) {
            String help = Help.of(surface, List.of()).toText();
            Commands.all().stream().filter(c -> surface == Surface.RPC || c.isLocal()).forEach(c ->
                    assertTrue(help.contains(c.usage()) && help.contains(c.summary()), surface + " " + c.name()));
        }
    }

    @Test
    void readmeListsEverySchemaWithItsFields() throws Exception {
        String readme = readme();
        String json = readme.substring(readme.indexOf("### JSON output"));
        for (String schema : JsonSchemas.names()) {
            String row = json.lines().filter(l -> l.startsWith("| `" + schema + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("README.md lists no JSON schema " + schema));
            for (String field : fields(JsonSchemas.document(schema))) {
                assertTrue(row.contains("`" + field + "`"), "README.md's row of schema " + schema + " names " + field);
            }
        }
    }

    /** Every property name of a schema, nested ones included. */
    private static List<String> fields(JsonNode schema) {
        List<String> names = new ArrayList<>();
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                names.add(name);
                JsonNode property = properties.get(name);
                names.addAll(fields(property));
                if (property.has("items")) {
                    names.addAll(fields(property.get("items")));
                }
            }
        }
        return names;
    }
}
