package dev.preflight.mbeans.jolokia;

import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightRestrictorTest {

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
    void readOnlyRefusesWritesAndOperationsEvenOnPreflightBeans() throws Exception {
        ObjectName repo = new ObjectName("dev.preflight:type=Repository,name=main");
        assertTrue(readOnly.isAttributeReadAllowed(repo, "PendingCount"));
        assertFalse(readOnly.isOperationAllowed(repo, "migrate"));
        assertFalse(readOnly.isTypeAllowed(RequestType.EXEC));
        assertFalse(readOnly.isTypeAllowed(RequestType.WRITE));
        assertTrue(readOnly.isTypeAllowed(RequestType.READ));
    }
}
