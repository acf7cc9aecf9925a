package dev.preflight.sql;

import dev.preflight.MigrationException;

/** A script the splitter cannot read; the message starts with {@code origin:line:}. */
public class SqlSyntaxException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public SqlSyntaxException(String origin, int line, String message) {
        super(origin + ":" + line + ": " + message, origin, line, null);
    }
}
