package dev.preflight.mbeans.internal;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.StandardMBean;

/** An MXBean with its interface's descriptions and parameter names (see {@link Introspection}). */
final class DescribedMBean<T> extends StandardMBean {

    private final Introspection introspection;
    private final String description;

    DescribedMBean(T implementation, Class<T> mxbean, String description) {
        super(implementation, mxbean, true);
        this.introspection = new Introspection(mxbean);
        this.description = description;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return description;
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return introspection.describe(info, super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return introspection.describe(info, super.getDescription(info));
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return introspection.impact(info);
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return introspection.parameterName(op, sequence, super.getParameterName(op, param, sequence));
    }
}
