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
        return of(file, file.readText(), noTransaction);
    }

    /** A whole file as one section, from the text {@link Resource#readText()} gave. */
    static Section of(Resource file, LargeFileReader.Text text, boolean noTransaction) {
        return new Section(file.origin(), text.text(), 1, noTransaction, text.copyRows());
    }

    /**
     * Builds a SQL migration with the rules shared by every layout:
     * <ul>
     *   <li>a down that is there is a down, even without statements (only blank lines and comments): each tool
     *       runs it as a rollback that changes nothing but the history. A layout whose tool refuses an empty down
     *       (Diesel's zero-byte {@code down.sql}) passes none;</li>
     *   <li>the migration runs outside a transaction when its up or its down asks to, by the layout's marker or a
     *       {@code -- preflight:no-transaction} comment above its first statement. {@link Migration} has one flag
     *       for both directions, and the statements a marker is written for (such as {@code CREATE INDEX
     *       CONCURRENTLY} and its {@code DROP INDEX CONCURRENTLY}) fail inside a transaction.</li>
     * </ul>
     *
     * @param down null when the layout found none
     */
    static Migration migration(Kind kind, Version version, String name, Tool tool, Section up, Section down) {
        boolean noTransaction = up.noTransaction || SqlText.head(up.sql).noTransaction();
        Script downScript = null;
        if (down != null) {
            downScript = down.script();
            noTransaction |= down.noTransaction || SqlText.head(down.sql).noTransaction();
        }
        return Migration.sql(kind, version, name, tool, up.script(), downScript, !noTransaction);
    }

    Script script() {
        return new Script(origin, sql, firstLine, copyRows);
    }
}
