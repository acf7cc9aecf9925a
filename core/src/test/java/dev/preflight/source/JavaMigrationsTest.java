package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.source.fixtures.BackfillData;
import dev.preflight.source.fixtures.V7__JavaSchemaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaMigrationsTest {

    @TempDir
    Path tmp;

    private List<Migration> find(Kind kind, String... locations) {
        return MigrationFinder.find(List.of(locations), kind, "sources-test", getClass().getClassLoader(), false);
    }

    @Test
    void schemaMigrationsOfTheRepoComeFromServiceLoaderAndSortWithSqlOnes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("V6__before.sql"), "select 6;");
        Files.writeString(dir.resolve("V8__after.sql"), "select 8;");
        List<Migration> found = find(Kind.SCHEMA, dir.toString());
        assertEquals(List.of("6", "7", "8"), found.stream().map(Migration::id).toList());
        Migration java = found.get(1);
        assertEquals("java", java.tool().name());
        assertEquals("JavaSchemaMigration", java.name());
        assertInstanceOf(V7__JavaSchemaMigration.class, java.java());
        assertEquals(V7__JavaSchemaMigration.class.getName(), java.origin());
        assertNull(java.up());
        assertTrue(java.transactional());
        assertFalse(java.hasDown());
    }

    @Test
    void dataMigrationsAreFoundOnlyForDataAndKeepTheirOwnSettings() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Migration data = MigrationFolder.only(find(Kind.DATA, dir.toString()));
        assertInstanceOf(BackfillData.class, data.java());
        assertEquals(Kind.DATA, data.kind());
        assertEquals("2024.1", data.version().toString());
        assertEquals("backfill data", data.name());
        assertEquals("v1", data.checksum());
        assertFalse(data.transactional());
    }

    @Test
    void otherReposSeeNoneOfThem() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        assertEquals(List.of(), MigrationFinder.find(List.of(dir.toString()), Kind.SCHEMA, "main", getClass().getClassLoader(), false));
    }

    @Test
    void aJavaAndASqlMigrationWithOneVersionAreAnError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("7_clash.up.sql"), "select 7;");
        String error = assertThrows(dev.preflight.MigrationException.class, () -> find(Kind.SCHEMA, dir.toString())).getMessage();
        assertTrue(error.contains(dir + "/7_clash.up.sql"), error);
        assertTrue(error.contains(V7__JavaSchemaMigration.class.getName()), error);
    }
}
