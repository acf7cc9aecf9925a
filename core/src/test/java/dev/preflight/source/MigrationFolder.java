package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.MigrationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A working directory for a test: write migration files relative to it, then find them with locations
 * resolved against it, collecting the warnings the finder would log.
 */
final class MigrationFolder {

    final Path dir;
    final List<String> warnings = new ArrayList<>();
    private ClassLoader loader = MigrationFolder.class.getClassLoader();

    MigrationFolder(Path dir) {
        this.dir = dir;
    }

    MigrationFolder write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationFolder loader(ClassLoader loader) {
        this.loader = loader;
        return this;
    }

    List<Migration> find(String... locations) {
        return find(Kind.SCHEMA, false, locations);
    }

    List<Migration> find(Kind kind, boolean strict, String... locations) {
        return MigrationFinder.find(List.of(locations), kind, "main", loader, strict, dir, warnings::add);
    }

    /** The message of the error that finding schema migrations raises. */
    String error(String... locations) {
        return error(Kind.SCHEMA, false, locations);
    }

    String error(Kind kind, boolean strict, String... locations) {
        return assertThrows(MigrationException.class, () -> find(kind, strict, locations)).getMessage();
    }

    static Migration only(List<Migration> migrations) {
        if (migrations.size() != 1) {
            throw new AssertionError("expected one migration, found " + migrations);
        }
        return migrations.get(0);
    }
}
