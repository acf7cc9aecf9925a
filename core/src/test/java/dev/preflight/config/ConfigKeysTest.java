package dev.preflight.config;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigKeysTest {

    @Test
    void everyDocumentedKeyIsRegisteredOnceWithADescription() {
        List<String> names = ConfigKeys.all().stream().map(ConfigKey::name).toList();

        assertEquals(List.of("url", "user", "password", "locations", "data-locations", "schema", "table",
                "lock-wait", "connect-retry", "lock-timeout", "lock-retries", "statement-timeout", "out-of-order",
                "strict", "lint", "lint.rules", "lint.conventions", "create-database", "repos", "startup", "on-failure",
                "health.port", "health.host", "ready", "hook", "jolokia.port", "jolokia.host", "jolokia.user",
                "jolokia.password", "jolokia.read-only", "jolokia.keystore", "jolokia.keystore-password", "jolokia.cert",
                "jolokia.key", "jolokia.plain-http", "spring.background", "config"), names);
        Set<String> envNames = new HashSet<>();
        for (ConfigKey key : ConfigKeys.all()) {
            assertFalse(key.description().isBlank(), key.name());
            assertTrue(envNames.add(key.envName()), key.envName());
        }
    }

    @Test
    void theRepoKeysAreTheDocumentedOnes() {
        assertEquals(List.of("url", "user", "password", "locations", "data-locations", "schema", "table",
                "lock-wait", "connect-retry", "lock-timeout", "lock-retries", "statement-timeout", "out-of-order",
                "strict", "lint", "lint.rules", "lint.conventions", "create-database"),
                ConfigKeys.of(ConfigKey.Scope.REPO).stream().map(ConfigKey::name).toList());
    }

    @Test
    void everyDefaultIsAValidValue() {
        for (ConfigKey key : ConfigKeys.all()) {
            if (!key.defaultText().isEmpty()) {
                key.parse(key.defaultText()); // throws if a default were mistyped
            }
        }
    }

    @Test
    void keysAreSpelledOneWayPerSource() {
        assertEquals("PREFLIGHT_DATA_LOCATIONS", ConfigKeys.DATA_LOCATIONS.envName());
        assertEquals("PREFLIGHT_JOLOKIA_READ_ONLY", ConfigKeys.JOLOKIA_READ_ONLY.envName());
        assertEquals("PREFLIGHT_AUDIT_LOCK_TIMEOUT", ConfigKeys.envName("audit.lock-timeout"));
        assertEquals("preflight.health.port", ConfigKeys.HEALTH_PORT.systemProperty());
    }

    @Test
    void onlyPasswordsAreSecretAndOnlyListsAreLists() {
        assertEquals(List.of("password", "jolokia.password", "jolokia.keystore-password"),
                ConfigKeys.all().stream().filter(ConfigKey::secret).map(ConfigKey::name).toList());
        assertEquals(List.of("locations", "data-locations", "repos"),
                ConfigKeys.all().stream().filter(ConfigKey::list).map(ConfigKey::name).toList());
    }

    @Test
    void suggestionsFindTyposButNotUnrelatedWords() {
        List<String> known = List.of("url", "lock-timeout", "health.port", "password");

        assertEquals("lock-timeout", Suggestions.closest("lock-timout", known).orElseThrow());
        assertEquals("health.port", Suggestions.closest("healthport", known).orElseThrow());
        assertEquals("url", Suggestions.closest("ulr", known).orElseThrow());
        assertEquals("url", Suggestions.closest("URL", known).orElseThrow());
        assertTrue(Suggestions.closest("colour", known).isEmpty());
    }
}
