package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.Version;
import dev.preflight.sql.CopyRows;

import java.util.List;

/**
 * The SQL of one direction of a migration as a layout found it, before the rules every SQL layout shares turn
 * an up and a down into a {@link Migration}.
 *
 * @param origin the file
 * @param sql the statements, markers removed
 * @param firstLine line of {@code origin} on which {@code sql} starts
 * @param noTransaction the layout's own marker for this direction asks for no transaction (the universal
 *                      {@code -- preflight:no-transaction} head comment is checked here, not by each layout)
 * @param copyRows the COPY rows left out of the file's text ({@link LargeFileReader}); empty for a file read whole
 */
record Section(String origin, String sql, int firstLine, boolean noTransaction, List<CopyRows> copyRows) {

    Section(String origin, String sql, int firstLine, boolean noTransaction) {
        this(origin, sql, firstLine, noTransaction, List.of());
    }

    /** A whole file as one section, read with {@link Resource#readText()}. */
    static Section of(Resource file, boolean noTransaction) {
        LargeFileReader.Text text = file.readText();
        return new Section(file.origin(), text.text(), 1, noTransaction, text.copyRows());
    }

    /**
     * Builds a SQL migration with the rules shared by every layout:
     * <ul>
     *   <li>a down without statements (only blank lines and comments, as the tools' generators leave it) is no
     *       down, so a rollback refuses up front instead of pretending to revert;</li>
     *   <li>the migration runs outside a transaction when its up or its down asks to, by the layout's marker or a
     *       {@code -- preflight:no-transaction} comment above its first statement. {@link Migration} has one flag
     *       for both directions, and the statements a marker is written for (such as {@code CREATE INDEX
     *       CONCURRENTLY} and its {@code DROP INDEX CONCURRENTLY}) fail inside a transaction.</li>
     * </ul>
     *
     * @param down null when the layout found none
     */
    static Migration migration(Kind kind, Version version, String name, String layout, Section up, Section down) {
        SqlText.Head upHead = SqlText.head(up.sql);
        boolean noTransaction = up.noTransaction || upHead.noTransaction();
        Script downScript = null;
        if (down != null) {
            SqlText.Head downHead = SqlText.head(down.sql);
            if (downHead.hasStatements()) {
                downScript = down.script();
                noTransaction |= down.noTransaction || downHead.noTransaction();
            }
        }
        return Migration.sql(kind, version, name, layout, up.script(), downScript, !noTransaction);
    }

    Script script() {
        return new Script(origin, sql, firstLine, copyRows);
    }
}
