package dev.preflight.mbeans;

import dev.preflight.MigrationStatus;

import java.beans.ConstructorProperties;

/**
 * One row of the status table as JMX open data (a {@code CompositeData} in JConsole): the same columns as
 * {@code preflight status}.
 */
public final class MigrationInfo {

    private final String status;
    private final String id;
    private final String name;
    private final String kind;
    private final String appliedAt;
    private final boolean checksumMismatch;

    @ConstructorProperties({"status", "id", "name", "kind", "appliedAt", "checksumMismatch"})
    public MigrationInfo(String status, String id, String name, String kind, String appliedAt,
                         boolean checksumMismatch) {
        this.status = status;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.appliedAt = appliedAt;
        this.checksumMismatch = checksumMismatch;
    }

    /** The row of {@code m}; {@code appliedAt} is ISO-8601 UTC, or null when not applied. */
    public static MigrationInfo of(MigrationStatus m) {
        return new MigrationInfo(m.state().label(), m.id(), m.name(), m.kind().name().toLowerCase(java.util.Locale.ROOT),
                m.appliedAt() == null ? null : m.appliedAt().toString(), m.checksumMismatch());
    }

    public String getStatus() {
        return status;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public String getAppliedAt() {
        return appliedAt;
    }

    public boolean isChecksumMismatch() {
        return checksumMismatch;
    }
}
