package dev.preflight.mbeans.jolokia;

import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

import javax.management.ObjectName;

/**
 * What Jolokia may do in an application: anything on {@code dev.preflight} MBeans, reads of {@code java.lang}
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
            case WRITE, EXEC -> !readOnly;
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
        return !readOnly && isOwn(name);
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

    /** {@code jolokia.read-only=true}: reads only, also of Preflight's own beans. */
    public static final class ReadOnly extends PreflightRestrictor {
        public ReadOnly() {
            super(true);
        }
    }
}
