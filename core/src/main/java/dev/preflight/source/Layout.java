package dev.preflight.source;

import dev.preflight.Kind;

import java.util.List;

/**
 * One way of laying out migration files, as an existing tool does it (dbmate/goose/sql-migrate single files,
 * golang-migrate pairs, Diesel folders, Flyway). The finder offers every file to each layout; a layout claims
 * files by their path alone, then reads the ones it claimed. Adding a layout never touches the finder's logic
 * beyond listing it.
 */
interface Layout {

    /** True when the file is one of this layout's, judged by its path alone. */
    boolean accepts(Resource file);

    /**
     * For a file that no layout accepts: if its name looks like one of this layout's but is not (a Flyway
     * {@code V1_x.sql}), what is wrong and how to fix it, without the origin; else null.
     */
    String nearMiss(Resource file);

    /**
     * Reads the files this layout accepted (from every location) into migrations of {@code kind}
     * ({@link Kind#SCHEMA} or {@link Kind#DATA}). What is wrong with them goes to {@code problems}, so that one
     * run reports every broken file; the migrations that could be read are returned.
     */
    List<Migration> read(List<Resource> files, Kind kind, Problems problems);

    /**
     * {@link #read(List, Kind, Problems)}, taking unchanged files' migrations from {@code parsed} (null: none) where
     * the layout parses one file into one migration; the others read every file.
     */
    default List<Migration> read(List<Resource> files, Kind kind, Problems problems, ParsedMigrations parsed) {
        return read(files, kind, problems);
    }
}
