package dev.preflight.scripts;

import dev.preflight.scripts.app.TagTask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An application's class path as a folder: {@code preflight.properties} pointing at {@code classpath:} migrations,
 * two schema migrations ({@code todo}, {@code tag}), a slow data migration, and {@link TagTask} as a service
 * (its class comes from this module's test classes, the second class path entry).
 *
 * <pre>{@code
 * String classpath = TestApp.write(dir.resolve("app"));
 * }</pre>
 */
final class TestApp {

    private TestApp() {
    }

    /** Writes the folder; returns the application's class path (folder + test classes). */
    static String write(Path app) {
        file(app, "preflight.properties",
                "locations=classpath:db/migrations\ndata-locations=classpath:db/data-migrations\n");
        file(app, "db/migrations/1_create_todo.sql",
                "-- migrate:up\ncreate table todo (id serial primary key, title text not null);\n"
                        + "-- migrate:down\ndrop table todo;\n");
        file(app, "db/migrations/2_create_tag.sql",
                "-- migrate:up\ncreate table tag (name text primary key);\n-- migrate:down\ndrop table tag;\n");
        // Slow on purpose: the connection count is watched while it runs.
        file(app, "db/data-migrations/1_seed_todos.sql",
                "-- migrate:up\nselect pg_sleep(3);\ninsert into todo (title) values ('seeded');\n"
                        + "-- migrate:down\ndelete from todo where title = 'seeded';\n");
        file(app, "META-INF/services/dev.preflight.Task", TagTask.class.getName() + "\n");
        return app + ":" + testClasses();
    }

    /** This module's test classes (where {@link TagTask} is compiled to). */
    static Path testClasses() {
        try {
            return Path.of(TagTask.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void file(Path app, String file, String text) {
        try {
            Path path = app.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
