package dev.preflight.it;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spring Boot fat jar (built by this module's package phase): the agent hooks its Start-Class, not Boot's
 * launcher, and finds its SQL and Java migrations in BOOT-INF/classes through Boot's class loader.
 */
class SpringBootAppTest {

    private static final Path BOOT_JAR = Path.of(System.getProperty("preflight.bootapp.jar", "target/boot-app.jar"));

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void migrationsFromTheFatJarRunBeforeTheStartClass() throws SQLException {
        assertTrue(Files.isRegularFile(BOOT_JAR), BOOT_JAR + " is built by `mvn package` of integration-tests");

        ChildJvm.Result r = ChildJvm.jar(BOOT_JAR).systemProperty("app.url", db.url()).agent("url=" + db.url()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("before dev.preflight.it.bootapp.BootApp#main (Spring Boot Start-Class of boot-app.jar)"),
                r::toString);
        assertTrue(r.stdout().contains("BOOT APP MAIN history=3 greetings=[hello from java|hello from sql]"),
                r::toString);
        assertTrue(r.stdout().contains("BOOT APP CONTEXT STARTED"), r::toString);
        assertEquals(List.of("1", "2", "3"),
                db.queryColumn("select version from preflight_schema_history order by version::int"));
    }
}
