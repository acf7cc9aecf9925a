package dev.preflight.agent;

import dev.preflight.mbeans.HealthMXBean;

/** The start-up's {@link HealthState} as {@code dev.preflight:type=Health}: the same answers as {@code /ready}. */
final class HealthBean implements HealthMXBean {

    private final HealthState health;

    HealthBean(HealthState health) {
        this.health = health;
    }

    @Override
    public boolean isReady() {
        return health.report().ready();
    }

    @Override
    public String getState() {
        return health.report().state();
    }

    @Override
    public String getReport() {
        return health.report().json();
    }
}
