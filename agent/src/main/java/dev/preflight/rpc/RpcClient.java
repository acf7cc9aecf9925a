package dev.preflight.rpc;

import java.util.List;

/**
 * What an rpc operation needs of a running JVM: read an attribute, invoke an operation, find beans by pattern.
 * Written once for both transports, {@link JmxClient} (a pid through the attach API, or a JMX service URL) and {@link JolokiaClient}
 * (HTTP). Values come back as plain Java: {@code String}, {@code Number}, {@code Boolean}, {@code null}, a
 * {@code Map<String, Object>} for a composite (e.g. a job) and a {@code List<Object>} for an array.
 *
 * <pre>{@code
 * try (RpcClient client = Targets.connect("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi", options)) {
 *     String table = (String) client.invoke("dev.preflight:type=Repository,name=main", "status");
 * }
 * }</pre>
 *
 * <p>Errors are {@link RpcException}s with the exit code they stand for: 3 the target cannot be reached (or
 * refused the credentials), 2 the target rejected the call (no such operation, bad arguments).
 */
interface RpcClient extends AutoCloseable {

    /** The value of {@code attribute} of {@code mbean}. */
    Object read(String mbean, String attribute);

    /** Invokes {@code operation} of {@code mbean}; each argument in its text form, converted to the parameter type. */
    Object invoke(String mbean, String operation, List<String> arguments);

    /** The names of the target's MBeans that match {@code pattern}, e.g. {@code dev.preflight:type=Repository,*}. */
    List<String> names(String pattern);

    default Object invoke(String mbean, String operation, String... arguments) {
        return invoke(mbean, operation, List.of(arguments));
    }

    @Override
    void close();
}
