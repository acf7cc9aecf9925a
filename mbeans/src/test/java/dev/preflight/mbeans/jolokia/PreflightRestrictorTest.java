package dev.preflight.mbeans.jolokia;

import dev.preflight.PreflightConfig;
import dev.preflight.mbeans.PreflightMBeans;
import dev.preflight.testing.TestDatabase;
import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightRestrictorTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path tmp;

    private final PreflightRestrictor restrictor = new PreflightRestrictor();
    private final PreflightRestrictor readOnly = new PreflightRestrictor.ReadOnly();

    @Test
    void preflightBeansAreFullyUsableAndJavaLangOnlyReadable() throws Exception {
        ObjectName repo = new ObjectName("dev.preflight:type=Repository,name=main");
        ObjectName memory = new ObjectName("java.lang:type=Memory");
        assertTrue(restrictor.isOperationAllowed(repo, "migrateStep"));
        assertTrue(restrictor.isAttributeReadAllowed(memory, "HeapMemoryUsage"));
        assertFalse(restrictor.isAttributeWriteAllowed(memory, "Verbose"));
        assertFalse(restrictor.isOperationAllowed(memory, "gc"));
    }

    @Test
    void dangerousBeansAreNeitherUsableNorListed() throws Exception {
        for (String name : new String[] {"com.sun.management:type=DiagnosticCommand",
                "com.sun.management:type=HotSpotDiagnostic", "javax.management.loading:type=MLet",
                "java.util.logging:type=Logging"}) {
            ObjectName bean = new ObjectName(name);
            assertFalse(restrictor.isOperationAllowed(bean, "dumpHeap"), name);
            assertFalse(restrictor.isAttributeReadAllowed(bean, "x"), name);
            assertFalse(restrictor.isAttributeWriteAllowed(bean, "x"), name);
            assertTrue(restrictor.isObjectNameHidden(bean), name);
        }
    }

    @Test
    @ResourceLock("dev.preflight MBeans")
    void readOnlyAllowsOnlyTheOperationsThatChangeNothing() throws Exception {
        PreflightConfig config = PreflightConfig.fromProperties(Map.of("url", db.url(),
                "locations", Files.createDirectories(tmp.resolve("none")).toString()));
        try (PreflightMBeans.Handle beans = PreflightMBeans.register(config, getClass().getClassLoader())) {
            ObjectName repo = new ObjectName("dev.preflight:type=Repository,name=main");
            ObjectName tasks = new ObjectName("dev.preflight:type=Tasks");
            ObjectName jobs = new ObjectName("dev.preflight:type=Jobs");
            assertTrue(readOnly.isAttributeReadAllowed(repo, "PendingCount"));
            assertFalse(readOnly.isAttributeWriteAllowed(repo, "PendingCount"));
            assertFalse(readOnly.isTypeAllowed(RequestType.WRITE));
            assertTrue(readOnly.isTypeAllowed(RequestType.READ));
            assertTrue(readOnly.isTypeAllowed(RequestType.EXEC), "exec is decided per operation");
            for (String op : List.of("status", "statusJson", "validate", "lint")) {
                assertTrue(readOnly.isOperationAllowed(repo, op), op);
            }
            assertTrue(readOnly.isOperationAllowed(tasks, "describe(java.lang.String)"));
            assertTrue(readOnly.isOperationAllowed(jobs, "job"));
            ObjectName commands = new ObjectName("dev.preflight:type=Commands");
            assertTrue(readOnly.isOperationAllowed(commands, "query"));
            assertFalse(readOnly.isOperationAllowed(commands, "submit"));
            for (String op : List.of("migrate", "migrateStep", "migrateStep(int)", "migrateTo", "migrateData",
                    "migrateDataStep", "rollbackTo", "rollbackStep", "rollbackDataStep", "baseline", "repair",
                    "repairMarkApplied", "repairRemove", "no-such-op")) {
                assertFalse(readOnly.isOperationAllowed(repo, op), op);
            }
            assertFalse(readOnly.isOperationAllowed(tasks, "run"));
            assertFalse(readOnly.isOperationAllowed(tasks, "runInRepo"));
            assertFalse(readOnly.isOperationAllowed(new ObjectName("java.lang:type=Memory"), "gc"));
            assertFalse(readOnly.isOperationAllowed(new ObjectName("dev.preflight:type=Repository,name=gone"),
                    "status"), "a bean that is not there");
            assertTrue(restrictor.isOperationAllowed(repo, "rollbackStep"), "without read-only, everything of ours");

            // JConsole shows the same split: INFO for what only reads, ACTION for the rest.
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName bean : List.of(repo, tasks, jobs, commands)) {
                for (MBeanOperationInfo op : server.getMBeanInfo(bean).getOperations()) {
                    boolean reads = Set.of("status", "statusJson", "validate", "lint", "describe", "job", "query")
                            .contains(op.getName());
                    assertEquals(reads ? MBeanOperationInfo.INFO : MBeanOperationInfo.ACTION, op.getImpact(),
                            bean + " " + op.getName());
                }
            }
        }
    }
}
