package dev.preflight.mbeans.internal;

import dev.preflight.mbeans.Description;
import dev.preflight.mbeans.ReadOnly;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import java.lang.reflect.Method;

/**
 * Descriptions, impacts and parameter names for JConsole, read from the MXBean interface: {@link Description},
 * {@link ReadOnly} and the parameter names the compiler keeps ({@code -parameters}), which plain MXBean
 * introspection ignores (it shows {@code p0}).
 */
final class Introspection {

    private final Class<?> mxbean;

    Introspection(Class<?> mxbean) {
        this.mxbean = mxbean;
    }

    String describe(MBeanAttributeInfo info, String fallback) {
        Method getter = method("get" + info.getName(), 0);
        if (getter == null) {
            getter = method("is" + info.getName(), 0);
        }
        return described(getter, fallback);
    }

    String describe(MBeanOperationInfo info, String fallback) {
        return described(method(info.getName(), info.getSignature().length), fallback);
    }

    /** {@code INFO} for an operation marked {@link ReadOnly}, else {@code ACTION}. */
    int impact(MBeanOperationInfo info) {
        Method m = method(info.getName(), info.getSignature().length);
        return m != null && m.isAnnotationPresent(ReadOnly.class) ? MBeanOperationInfo.INFO : MBeanOperationInfo.ACTION;
    }

    String parameterName(MBeanOperationInfo info, int sequence, String fallback) {
        Method m = method(info.getName(), info.getSignature().length);
        if (m == null || !m.getParameters()[sequence].isNamePresent()) {
            return fallback;
        }
        return m.getParameters()[sequence].getName();
    }

    private static String described(Method m, String fallback) {
        Description d = m == null ? null : m.getAnnotation(Description.class);
        return d == null ? fallback : d.value();
    }

    private Method method(String name, int parameters) {
        for (Method m : mxbean.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters) {
                return m;
            }
        }
        return null;
    }
}
