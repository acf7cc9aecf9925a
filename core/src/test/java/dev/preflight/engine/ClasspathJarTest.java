package dev.preflight.engine;

import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.Target;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClasspathJarTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path tmp;

    @Test
    void migratesFromSqlFilesAndJavaMigrationsInsideAnApplicationJar() throws Exception {
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Directory entries as jar, Maven and Spring Boot write them.
            put(out, "db/", null);
            put(out, "db/migrations/", null);
            put(out, "META-INF/", null);
            put(out, "META-INF/services/", null);
            put(out, "db/migrations/V1__greeting.sql", "create table greeting (text text);");
            put(out, "db/migrations/V2__hello.sql", "insert into greeting values ('hello from sql');");
            put(out, "db/migrations/U2__hello.sql", "delete from greeting where text = 'hello from sql';");
            put(out, "META-INF/services/dev.preflight.JavaMigration", V3__AddGreeting.class.getName() + "\n");
        }
        Map<String, String> settings = Map.of("repos", "jar-test", "url", db.url(),
                "locations", "classpath:db/migrations");
        try (URLClassLoader app = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader());
             Preflight p = Preflight.open(PreflightConfig.fromProperties(settings).repo("jar-test"), app,
                     MigrationListener.NONE)) {
            assertEquals(3, p.migrate().count());
            assertEquals(List.of("hello from java", "hello from sql"),
                    db.queryColumn("select text from greeting order by text"));
            assertEquals(2, p.rollback(Target.to("1")).count());
            assertEquals(List.of(), db.queryColumn("select text from greeting"));
        }
    }

    private static void put(JarOutputStream out, String name, String content) throws Exception {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
