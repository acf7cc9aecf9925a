package dev.preflight.config;

import dev.preflight.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @Test
    void readsEveryUnitAndCombinations() {
        assertEquals(Duration.ofMillis(500), Durations.parse("k", "500ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("k", "5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("k", "2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("k", "1h"));
        assertEquals(Duration.ofDays(1), Durations.parse("k", "1d"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("k", "1m30s"));
        assertEquals(Duration.ofMillis(3_723_004), Durations.parse("k", "1h2m3s4ms"));
        assertEquals(Duration.ZERO, Durations.parse("k", "0s"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("k", " 5s "));
    }

    @Test
    void aBareNumberAsksForAUnit() {
        ConfigException e = assertThrows(ConfigException.class, () -> Durations.parse("lock-timeout", "5"));

        assertEquals("Invalid lock-timeout `5`: add a unit, e.g. 5s"
                + " (units d, h, m, s, ms, largest first, e.g. 500ms, 5s, 2m, 1h, 1m30s)", e.getMessage());
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertRefused("5 s", "not a duration");
        assertRefused("1.5s", "not a duration");
        assertRefused("5S", "not a duration");
        assertRefused("5sec", "not a duration");
        assertRefused("1m30", "not a duration");
        assertRefused("-5s", "cannot be negative");
        assertRefused("30s1m", "largest first");
        assertRefused("1m1m", "largest first");
        assertRefused("", "a duration is required");
        assertRefused("99999999999999999999d", "too long");
    }

    @Test
    void formatIsReadBackAsTheSameDuration() {
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("2d3h", Durations.format(Duration.ofHours(51)));
        for (String text : new String[] {"1h2m3s4ms", "5s", "10m"}) {
            assertEquals(text, Durations.format(Durations.parse("k", text)));
        }
    }

    private static void assertRefused(String value, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> Durations.parse("k", value));
        assertTrue(e.getMessage().startsWith("Invalid k `" + value + "`: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
