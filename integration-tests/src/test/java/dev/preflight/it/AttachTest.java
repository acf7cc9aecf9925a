package dev.preflight.it;

import com.sun.tools.attach.VirtualMachine;
import dev.preflight.it.app.PlainApp;
import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent loaded into a JVM that is already running ({@code agentmain}): it never migrates nor ends the JVM. */
class AttachTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    @Test
    void attachingToARunningJvmNeverMigratesNorEndsIt() throws Exception {
        Path jar = new AppJar(dir)
                .migration("1_create_greeting.sql", "create table greeting (text text not null);")
                .build();
        ChildJvm.Running app = ChildJvm.jar(jar).systemProperty("app.url", db.url())
                .systemProperty("app.waitForStdin", "true").start();
        try {
            app.awaitStdout(PlainApp.MARKER);
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(ChildJvm.AGENT_JAR.toString(), "url=" + db.url() + ",no-such-key=1");
                vm.loadAgent(ChildJvm.AGENT_JAR.toString(), "url=" + db.url());
            } finally {
                vm.detach();
            }
        } finally {
            app.closeStdin();
        }
        ChildJvm.Result r = app.await();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("preflight: attach ignored: Unknown key `no-such-key`"), r::toString);
        assertTrue(r.stderr().contains("attached; start-up migrations are not run"), r::toString);
        assertFalse(db.tableExists("preflight_schema_history"));
    }
}
