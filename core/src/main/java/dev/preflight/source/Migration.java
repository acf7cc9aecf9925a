package dev.preflight.source;

import dev.preflight.JavaMigration;
import dev.preflight.Kind;
import dev.preflight.Version;
import dev.preflight.sql.SqlStatement;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One migration as read from a location: SQL (up and optional down) or a {@link JavaMigration}.
 * Built by a {@link Layout}; the engine never needs to know which layout it came from.
 *
 * @param kind SCHEMA, DATA or REPEATABLE
 * @param version null for a repeatable migration
 * @param name the description part of the file name, e.g. {@code create_users}
 * @param tool the tool whose layout it was read in: its transaction rule, marker and version order
 * @param up the up script; null for a Java migration
 * @param down the down script, or null when there is none (then it cannot be rolled back)
 * @param transactional false when the layout's own marker says so (the engine also refuses statements
 *                      that cannot run in a transaction inside a transactional migration)
 * @param checksum CRC-32 of the up script (line endings normalised; of its whole text, also when its COPY rows were
 *                 left in the file), or the Java migration's own value
 * @param java the Java migration, or null
 */
public record Migration(Kind kind, Version version, String name, Tool tool, Script up, Script down,
                        boolean transactional, String checksum, JavaMigration java) {

    public Migration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        if (kind != Kind.REPEATABLE) {
            Objects.requireNonNull(version, "version");
        }
    }

    /** A SQL migration; the checksum is computed from the up script. */
    public static Migration sql(Kind kind, Version version, String name, Tool tool, Script up, Script down,
                                boolean transactional) {
        return new Migration(kind, version, name, tool, up, down, transactional, ScriptChecksum.of(up), null);
    }

    /** The file (or class) a user should open to see this migration. */
    public String origin() {
        return java != null ? java.getClass().getName() : up.origin();
    }

    /** The identifier shown to users: the version as written, or {@code R__name} for a repeatable. */
    public String id() {
        return version != null ? version.toString() : "R__" + name;
    }

    public boolean hasDown() {
        return java != null ? java.reversible() : down != null;
    }

    /**
     * Whether {@code statements} (this migration's split script) run inside a transaction, decided as the
     * migration's own tool decides: its marker first, then the tool's own rule ({@link Tool#runsInTransaction}).
     * A transactional migration runs in one (the engine refuses it up front when a statement cannot).
     */
    public boolean runsInTransaction(List<SqlStatement> statements) {
        return transactional && tool.runsInTransaction(statements);
    }

    /**
     * CRC-32 (hex) of a script with line endings normalised, so a checkout on Windows does not drift. CRC-32,
     * as Flyway uses, rather than a cryptographic hash: it only has to notice an edited file, and its native
     * implementation stays fast while the JVM is still interpreting, which is when start-up reads every file.
     */
    public static String checksumOf(String sql) {
        String normalized = sql.indexOf('\r') < 0 ? sql : sql.replace("\r\n", "\n").replace('\r', '\n');
        CRC32 crc = new CRC32();
        crc.update(normalized.getBytes(StandardCharsets.UTF_8));
        return hex8(crc.getValue());
    }

    /** A 32-bit value as eight hex digits; not String.format, which parses its pattern on every call. */
    static String hex8(long value) {
        String hex = Long.toHexString(value);
        return "00000000".substring(hex.length()) + hex;
    }
}
