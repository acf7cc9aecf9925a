package dev.preflight;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {

    @Test
    void dottedSegmentsCompareNumerically() {
        assertTrue(Version.parse("1.10").compareTo(Version.parse("1.9")) > 0);
        assertTrue(Version.parse("2").compareTo(Version.parse("1.99.99")) > 0);
    }

    @Test
    void leadingAndTrailingZerosDoNotChangeAVersion() {
        assertEquals(Version.parse("42"), Version.parse("0042"));
        assertEquals(Version.parse("1"), Version.parse("1.0.0"));
        assertEquals("42", Version.parse("0042").normalized());
        assertEquals("0042", Version.parse("0042").toString());
    }

    @Test
    void dieselDashesAreNotPartOfTheVersion() {
        assertEquals("20240212120203", Version.parse("2024-02-12-120203").normalized());
        assertEquals(Version.parse("20240212120203"), Version.parse("2024-02-12-120203"));
        assertTrue(Version.parse("2024-02-12-120203").compareTo(Version.parse("20140924113530")) > 0);
    }

    @Test
    void flywayUnderscoresSeparateSegments() {
        assertEquals(Version.parse("1.2"), Version.parse("1_2"));
    }

    @Test
    void sortsTimestampsAndDottedVersions() {
        List<String> sorted = Stream.of("1.10", "1.9", "1.2.3", "20240101120000", "3")
                .map(Version::parse).sorted().map(Version::toString).toList();
        assertEquals(List.of("1.2.3", "1.9", "1.10", "3", "20240101120000"), sorted);
    }

    @Test
    void rejectsTextThatIsNotAVersionNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse("v1.x"));
        assertTrue(e.getMessage().contains("'v1.x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Version.parse("1..2"));
        assertThrows(IllegalArgumentException.class, () -> Version.parse(""));
    }
}
