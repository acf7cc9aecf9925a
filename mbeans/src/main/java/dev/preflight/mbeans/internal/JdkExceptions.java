package dev.preflight.mbeans.internal;

import dev.preflight.ConfigException;
import dev.preflight.command.Failure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Makes an MBean implementation throw only JDK exceptions: a JMX client (JConsole, jmxterm, VisualVM) never has
 * Preflight's classes, and an exception it cannot deserialise reaches the operator as a
 * {@code ClassNotFoundException} instead of the message. A usage error ({@link ConfigException}, or an
 * {@link IllegalArgumentException}) becomes an {@link IllegalArgumentException}, anything else an
 * {@link IllegalStateException}; either carries the whole message with its causes flattened into the text
 * ({@link Failure#describe}), and no cause object.
 *
 * <pre>{@code
 * RepositoryMXBean safe = JdkExceptions.only(RepositoryMXBean.class, new RepositoryBean(...));
 * }</pre>
 */
final class JdkExceptions {

    private JdkExceptions() {
    }

    /** {@code implementation} behind {@code mxbean}, every exception replaced by a JDK one. */
    static <T> T only(Class<T> mxbean, T implementation) {
        Object proxy = Proxy.newProxyInstance(mxbean.getClassLoader(), new Class<?>[] {mxbean}, (self, method, args) -> {
            try {
                return method.invoke(implementation, args);
            } catch (InvocationTargetException e) {
                throw translate(e.getCause());
            }
        });
        return mxbean.cast(proxy);
    }

    /** The JDK exception a JMX client is given for {@code error}. */
    static RuntimeException translate(Throwable error) {
        String message = Failure.describe(error);
        RuntimeException plain = error instanceof ConfigException || error instanceof IllegalArgumentException
                ? new IllegalArgumentException(message) : new IllegalStateException(message);
        // Frames are plain strings, but this one's own say nothing the message does not.
        plain.setStackTrace(new StackTraceElement[0]);
        return plain;
    }
}
