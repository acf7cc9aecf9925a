package dev.preflight.mbeans;

import java.beans.ConstructorProperties;

/** A task as JMX open data: what {@code TasksMXBean} lists. */
public final class TaskInfo {

    private final String name;
    private final String description;
    private final String[] parameters;

    @ConstructorProperties({"name", "description", "parameters"})
    public TaskInfo(String name, String description, String[] parameters) {
        this.name = name;
        this.description = description;
        this.parameters = parameters == null ? new String[0] : parameters.clone();
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    /** One usage line per parameter, e.g. {@code older-than (date yyyy-MM-dd, required): purge before this day}. */
    public String[] getParameters() {
        return parameters.clone();
    }
}
