package dev.preflight.mbeans.jolokia;

import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * What Jolokia may do in an application: anything on {@code dev.preflight} MBeans (in read-only mode: reads and the
 * operations that change nothing), reads of {@code java.lang}
 * (memory, threads, runtime), nothing else: no {@code DiagnosticCommand}, {@code HotSpotDiagnostic}, MLet, no
 * writes or operations outside Preflight, no JSR-160 proxying; other domains are not even listed. Jolokia creates
 * it by class name (its {@code restrictorClass} setting), hence the no-argument constructor.
 */
public class PreflightRestrictor implements Restrictor {

    private static final String OWN = "dev.preflight";
    private static final String READABLE = "java.lang";

    private final boolean readOnly;

    public PreflightRestrictor() {
        this(false);
    }

    protected PreflightRestrictor(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return true;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return switch (type) {
            case READ, LIST, SEARCH, VERSION -> true;
            // Read-only still runs the operations that change nothing (see isOperationAllowed).
            case EXEC -> true;
            case WRITE -> !readOnly;
            // CONFIG and NOTIFICATION manage server-side state Preflight does not need over HTTP.
            default -> false;
        };
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return isOwn(name) || READABLE.equals(name.getDomain());
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return !readOnly && isOwn(name);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return isOwn(name) && (!readOnly || changesNothing(name, operation));
    }

    /**
     * Whether every operation of that name on the bean has impact {@code INFO}: Preflight's beans declare it with
     * {@link dev.preflight.mbeans.ReadOnly} (status, validate, lint, describe, job). Jolokia may name the operation
     * with its signature, {@code migrateStep(int)}.
     */
    private static boolean changesNothing(ObjectName name, String operation) {
        String plain = operation.contains("(") ? operation.substring(0, operation.indexOf('(')) : operation;
        MBeanInfo info;
        try {
            info = ManagementFactory.getPlatformMBeanServer().getMBeanInfo(name);
        } catch (JMException e) {
            return false;
        }
        boolean found = false;
        for (MBeanOperationInfo op : info.getOperations()) {
            if (op.getName().equals(plain)) {
                if (op.getImpact() != MBeanOperationInfo.INFO) {
                    return false;
                }
                found = true;
            }
        }
        return found;
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        // Who may connect is decided by the bind address and basic auth (see JolokiaEndpoint).
        return true;
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        // No browser page may drive migrations with an operator's credentials: no cross-origin answers.
        return origin == null;
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return !isOwn(name) && !READABLE.equals(name.getDomain());
    }

    private static boolean isOwn(ObjectName name) {
        return OWN.equals(name.getDomain());
    }

    /**
     * {@code jolokia.read-only=true}: reads only, also of Preflight's own beans: attributes, and the operations that
     * change nothing (status, validate, lint, describe a task, look at a job); no migration, rollback or task.
     */
    public static final class ReadOnly extends PreflightRestrictor {
        public ReadOnly() {
            super(true);
        }
    }
}
