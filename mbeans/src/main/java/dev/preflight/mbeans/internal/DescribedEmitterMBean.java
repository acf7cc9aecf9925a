package dev.preflight.mbeans.internal;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;

/** {@link DescribedMBean} for an MXBean that also sends notifications. */
final class DescribedEmitterMBean<T> extends StandardEmitterMBean {

    private final Introspection introspection;
    private final String description;

    DescribedEmitterMBean(T implementation, Class<T> mxbean, NotificationEmitter emitter, String description) {
        super(implementation, mxbean, true, emitter);
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
