package dev.preflight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documented JSON schemas ({@code docs/json-schema/<name>.json}, draft 2020-12) held against what a command
 * printed, with a real validator (networknt json-schema-validator): every line of a {@code --json} output must be
 * one object of the command's schema, or an {@code error} object.
 *
 * <pre>{@code
 * List<JsonNode> objects = JsonSchemas.assertOutput("validation", result.stdout());
 * assertEquals("pending", objects.get(0).get("kinds").get(0).asText());
 * }</pre>
 */
public final class JsonSchemas {

    /** The folder of the schemas, from a module's folder (where the tests run). */
    public static final Path FOLDER = Path.of("..", "docs", "json-schema");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /**
     * Checks each line of {@code output}: an object of schema {@code name}, or (only as the last line) an error.
     *
     * @return the objects, parsed
     */
    public static List<JsonNode> assertOutput(String name, String output) {
        List<JsonNode> objects = new ArrayList<>();
        List<String> lines = output.lines().toList();
        if (lines.isEmpty()) {
            throw new AssertionError("no JSON at all, expected schema " + name);
        }
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = parse(lines.get(i));
            boolean error = node.has("error");
            if (error && i < lines.size() - 1) {
                throw new AssertionError("an error is the last line only:\n" + output);
            }
            assertMatches(error ? "error" : name, node);
            objects.add(node);
        }
        return objects;
    }

    /** Checks one JSON text against schema {@code name}. */
    public static JsonNode assertMatches(String name, String json) {
        JsonNode node = parse(json);
        assertMatches(name, node);
        return node;
    }

    private static void assertMatches(String name, JsonNode node) {
        Set<ValidationMessage> problems = schema(name).validate(node);
        if (!problems.isEmpty()) {
            throw new AssertionError("does not match schema " + name + ": " + problems + "\n" + node);
        }
    }

    /** The names of every documented schema (the files' names without {@code .json}). */
    public static List<String> names() {
        try (var files = Files.list(FOLDER)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's text, parsed. */
    public static JsonNode document(String name) {
        try {
            return MAPPER.readTree(FOLDER.resolve(name + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            try (InputStream in = Files.newInputStream(FOLDER.resolve(n + ".json"))) {
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException("no schema " + n + " in " + FOLDER.toAbsolutePath(), e);
            }
        });
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
