package dev.preflight.source;

import dev.preflight.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class ParsedMigrationsTest {

    private final AtomicInteger reads = new AtomicInteger();

    private Resource file(String sql, Object stamp) {
        return new Resource("1_t.sql", "db/1_t.sql", "db", () -> {
            reads.incrementAndGet();
            return new java.io.ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8));
        }, stamp);
    }

    private static Migration parse(ParsedMigrations parsed, Resource file) {
        return new SingleFileLayout().read(java.util.List.of(file), Kind.SCHEMA, new Problems(), parsed).get(0);
    }

    @Test
    void anUnchangedStampIsNotReadAgainAndAChangedOneIs() {
        ParsedMigrations parsed = new ParsedMigrations();
        String sql = "-- migrate:up\ncreate table t (id int);\n";
        Migration first = parse(parsed, file(sql, new Resource.FileStamp(40, 1_000, "ino 1")));
        Migration again = parse(parsed, file(sql, new Resource.FileStamp(40, 1_000, "ino 1")));
        assertSame(first, again);
        assertEquals(1, reads.get(), "read once");

        parse(parsed, file(sql, new Resource.FileStamp(40, 2_000, "ino 1")));
        parse(parsed, file(sql, new Resource.FileStamp(41, 2_000, "ino 1")));
        parse(parsed, file(sql, new Resource.FileStamp(41, 2_000, "ino 2")));
        parse(parsed, file(sql, new Resource.JarStamp("app.jar", 41, 0xcafe)));
        parse(parsed, file(sql, new Resource.JarStamp("app.jar", 41, 0xbeef)));
        assertEquals(6, reads.get(), "read again after each change of size, time, file key or CRC");
    }

    @Test
    void withoutAStampEveryCallReads() {
        ParsedMigrations parsed = new ParsedMigrations();
        String sql = "-- migrate:up\ncreate table t (id int);\n";
        Migration first = parse(parsed, file(sql, null));
        assertNotSame(first, parse(parsed, file(sql, null)));
        assertEquals(2, reads.get());
        assertEquals(0, parsed.size());
    }
}
