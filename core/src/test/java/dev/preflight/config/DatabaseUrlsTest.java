package dev.preflight.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUrlsTest {

    @Test
    void convertsPostgresUrlsAndDecodesTheirCredentials() {
        DatabaseUrls.Parsed url = DatabaseUrls.parse("postgres://u%2Bx:a%20b+c@[::1]:5433/app?sslmode=require");

        assertEquals("jdbc:postgresql://[::1]:5433/app?sslmode=require", url.jdbcUrl());
        assertEquals("u+x", url.user());
        assertEquals("a b+c", url.password());
    }

    @Test
    void aPasswordWithAnUnencodedAtSignSplitsAtTheLastOne() {
        DatabaseUrls.Parsed url = DatabaseUrls.parse("postgresql://u:p@ss@h/db?application_name=a@b");

        assertEquals("jdbc:postgresql://h/db?application_name=a@b", url.jdbcUrl());
        assertEquals("p@ss", url.password());
    }

    @Test
    void aUrlWithoutCredentialsHasNone() {
        DatabaseUrls.Parsed url = DatabaseUrls.parse("postgres://h/db");

        assertEquals("jdbc:postgresql://h/db", url.jdbcUrl());
        assertNull(url.user());
        assertNull(url.password());
    }

    @Test
    void badEncodingIsRefusedWithoutShowingTheCredentials() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> DatabaseUrls.parse("postgres://u:secr%zzet@h/db"));

        assertFalse(e.getMessage().contains("secr"), e.getMessage());
        assertTrue(e.getMessage().contains("%40"), e.getMessage());
    }

    @Test
    void masksEveryPasswordOfAUrl() {
        assertEquals("postgres://u:*****@h/db", DatabaseUrls.mask("postgres://u:s3cret@h/db"));
        assertEquals("postgres://u@h/db", DatabaseUrls.mask("postgres://u@h/db"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=*****&ssl=true",
                DatabaseUrls.mask("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"));
        assertEquals("jdbc:postgresql://h/db?PASSWORD=*****&sslpassword=*****",
                DatabaseUrls.mask("jdbc:postgresql://h/db?PASSWORD=a&sslpassword=b"));
        assertEquals("jdbc:postgresql://h/db", DatabaseUrls.mask("jdbc:postgresql://h/db"));
        assertFalse(DatabaseUrls.parse("postgres://u:s3cret@h/db?password=s3cret").toString().contains("s3cret"));
    }
}
