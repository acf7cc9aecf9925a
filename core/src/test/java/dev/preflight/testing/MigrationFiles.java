package dev.preflight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files into a folder for a test. */
public final class MigrationFiles {

    private final Path dir;

    public MigrationFiles(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code relativePath} with {@code content}, creating folders. */
    public Path write(String relativePath, String content) {
        Path file = dir.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dbmate-style file {@code <version>_<name>.sql} with up and (optional) down sections. */
    public Path dbmate(String version, String name, String up, String down) {
        return write(version + "_" + name + ".sql", "-- migrate:up\n" + up + "\n"
                + (down == null ? "" : "\n-- migrate:down\n" + down + "\n"));
    }

    /** A dbmate file creating table {@code t<version>} with a matching drop as its down. */
    public Path table(String version) {
        return dbmate(version, "create_t" + version, "create table t" + version + " (id int primary key);",
                "drop table t" + version + ";");
    }

    public void delete(String relativePath) {
        try {
            Files.delete(dir.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
