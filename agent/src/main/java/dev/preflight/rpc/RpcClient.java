package dev.preflight.rpc;

import java.util.List;

/**
 * What rpc needs of a running JVM: invoke an operation of one of Preflight's MBeans. Written once for both
 * transports, {@link JmxClient} (a pid through the attach API, or a JMX service URL) and {@link JolokiaClient}
 * (HTTP). Values come back as plain Java: {@code String}, {@code Number}, {@code Boolean}, {@code null}, a
 * {@code Map<String, Object>} for a composite (a command's output, a job) and a {@code List<Object>} for an array.
 *
 * <pre>{@code
 * try (RpcClient client = Targets.connect("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi", settings, null, null, err)) {
 *     Map<?, ?> output = (Map<?, ?>) client.invoke("dev.preflight:type=Commands", "query", List.of(List.of("status")));
 * }
 * }</pre>
 *
 * <p>Errors are {@link RpcException}s with the exit code they stand for: 3 the target cannot be reached (or
 * refused the credentials), 2 the target rejected the call (no such operation, bad arguments).
 */
interface RpcClient extends AutoCloseable {

    /**
     * Invokes {@code operation} of {@code mbean}; each argument is text (converted to the parameter's type) or a
     * list of text (a {@code String[]} parameter).
     */
    Object invoke(String mbean, String operation, List<?> arguments);

    @Override
    void close();
}
