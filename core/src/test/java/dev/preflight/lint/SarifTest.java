package dev.preflight.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.preflight.testing.JsonSchemas;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lint's machine-readable renderings: SARIF validated against the SARIF 2.1.0 JSON schema of the OASIS
 * specification repository ({@code src/test/resources/sarif}), and read back as a code-scanning UI reads it; JSON
 * parsed and read back.
 */
class SarifTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<LintReport> reports() {
        LintSettings all = LintSettings.defaults().with(RuleSelection.all());
        return List.of(
                new LintReport("main", Linter.lintFiles(List.of(LintFixturesTest.FIXTURES), all)),
                new LintReport("audit", List.of()));
    }

    private static Set<ValidationMessage> validate(String sarif) throws Exception {
        try (InputStream schema = SarifTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
            return validator.validate(JSON.readTree(sarif));
        }
    }

    @Test
    void theSarifLogOfEveryFixtureIsValidSarif210() throws Exception {
        String sarif = Sarif.of(reports());
        assertEquals(Set.of(), validate(sarif));

        JsonNode run = JSON.readTree(sarif).get("runs").get(0);
        assertEquals("Preflight", run.at("/tool/driver/name").asText());
        assertEquals(Rule.values().length, run.at("/tool/driver/rules").size());
        JsonNode results = run.get("results");
        assertTrue(results.size() > 90, "every fixture's findings: " + results.size());
        for (JsonNode result : results) {
            JsonNode rule = run.at("/tool/driver/rules").get(result.get("ruleIndex").asInt());
            assertEquals(rule.get("id").asText(), result.get("ruleId").asText());
            assertTrue(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()
                    .startsWith("src/test/resources/lint-fixtures/"), result.toString());
            assertTrue(result.at("/locations/0/physicalLocation/region/startLine").asInt() >= 1, result.toString());
        }
    }

    @Test
    void anEmptyReportIsValidSarifToo() throws Exception {
        assertEquals(Set.of(), validate(Sarif.of(List.of(new LintReport("main", List.of())))));
    }

    @Test
    void theSchemaCatchesWhatIsNotSarif() throws Exception {
        // The validator is not vacuous: a log without its version, or a result without a message, is refused.
        assertTrue(validate("{\"runs\":[]}").stream().anyMatch(m -> m.getMessage().contains("version")));
        String noMessage = Sarif.of(reports()).replaceFirst("\"message\":\\{\"text\":\"[^\"]*\"},", "");
        assertTrue(!validate(noMessage).isEmpty(), noMessage.substring(0, 200));
    }

    @Test
    void hazardsAreErrorsAndConventionsWarnings() throws Exception {
        JsonNode rules = JSON.readTree(Sarif.of(List.of())).at("/runs/0/tool/driver/rules");
        for (JsonNode rule : rules) {
            Rule r = Rule.byId(rule.get("id").asText()).orElseThrow();
            assertEquals(r.category() == Category.HAZARD ? "error" : "warning",
                    rule.at("/defaultConfiguration/level").asText(), r.id());
            assertEquals(r.versions(), rule.at("/properties/postgresqlVersions").asText());
            assertEquals(r.why(), rule.at("/fullDescription/text").asText());
        }
    }

    @Test
    void aFileNameWithSpacesIsAValidUriReference() throws Exception {
        Finding f = new Finding("set-not-null", "db/my migrations/ü 1.sql", 3, "m", "w", "s");
        String sarif = Sarif.of(List.of(new LintReport("main", List.of(f))));
        assertEquals(Set.of(), validate(sarif));
        assertEquals("db/my%20migrations/%C3%BC%201.sql", JSON.readTree(sarif)
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    }

    @Test
    void theJsonReportMatchesItsDocumentedSchemaAndReadsBackAsWritten() {
        List<LintReport> reports = reports();
        JsonNode main = JsonSchemas.assertMatches("lint", reports.get(0).toJson());
        assertEquals("main", main.get("repo").asText());
        assertEquals(false, main.get("clean").asBoolean());
        assertEquals(reports.get(0).findings().size(), main.get("findings").size());
        assertEquals(reports.get(0).hazards(), main.get("hazards").asLong());
        assertEquals(reports.get(0).conventions(), main.get("conventions").asLong());
        assertTrue(reports.get(0).conventions() > 0, "every rule is on");
        Finding first = reports.get(0).findings().get(0);
        JsonNode json = main.get("findings").get(0);
        assertEquals(first.rule(), json.get("rule").asText());
        assertEquals(first.category().label(), json.get("category").asText());
        assertEquals(first.origin(), json.get("file").asText());
        assertEquals(first.line(), json.get("line").asInt());
        assertEquals(first.message(), json.get("message").asText());
        assertEquals(first.ruleInfo().versions(), json.get("versions").asText());
        assertEquals(true, JsonSchemas.assertMatches("lint", reports.get(1).toJson()).get("clean").asBoolean());
    }
}
