package dev.preflight.it.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application under test: a plain {@code main}, packed by the tests into a jar (or started with {@code -cp})
 * next to its migrations. Its first line prints what the database holds, so its output proves whether migrations
 * ran before any of its code. One class without nested classes, so a test can copy it into a jar on its own.
 *
 * <p>{@code -Dapp.url} is the database; {@code -Dapp.mainTwice=true} calls main again, as some launchers do;
 * {@code -Dapp.waitForStdin=true} keeps running until its standard input closes.
 */
public final class PlainApp {

    /** Printed first; a test that finds it knows main ran. */
    public static final String MARKER = "APP STARTED";

    private PlainApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(MARKER + " " + describe(System.getProperty("app.url")));
        if (Boolean.getBoolean("app.mainTwice") && args.length == 0) {
            main(new String[] {"again"});
        }
        if (Boolean.getBoolean("app.waitForStdin")) {
            while (System.in.read() >= 0) {
                // Runs until the test closes stdin.
            }
        }
    }

    /** {@code history=<rows or none> greetings=<rows or none>}. */
    private static String describe(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            return "history=" + count(s, "preflight_schema_history") + " greetings=" + count(s, "greeting");
        }
    }

    private static String count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("select to_regclass('" + table + "') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return "none";
            }
        }
        try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
