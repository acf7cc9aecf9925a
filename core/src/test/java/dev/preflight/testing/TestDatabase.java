package dev.preflight.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test class, dropped afterwards, so test classes never see each
 * other's state and can run in parallel. The server comes from {@code PREFLIGHT_TEST_JDBC_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}).
 *
 * <pre>{@code
 * @RegisterExtension static final TestDatabase db = new TestDatabase();          // one per class
 * @RegisterExtension final TestDatabase db = TestDatabase.perTest();              // one per test method
 * ... db.url() ... db.queryColumn("select version from preflight_schema_history")
 * }</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    public static final String SERVER_URL = System.getenv().getOrDefault("PREFLIGHT_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private final boolean perTest;
    private String name;

    /** A database for the whole test class (register as a static field). */
    public TestDatabase() {
        this(false);
    }

    private TestDatabase(boolean perTest) {
        this.perTest = perTest;
    }

    /** A fresh database for every test method (register as an instance field). */
    public static TestDatabase perTest() {
        return new TestDatabase(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (!perTest) {
            create();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (!perTest) {
            drop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        if (perTest) {
            create();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (perTest) {
            drop();
        }
    }

    /** Creates the database; called by JUnit, or by hand outside an extension. */
    public void create() throws SQLException {
        name = "preflight_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(SERVER_URL); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
    }

    /** Drops the database, ending any session still connected to it. */
    public void drop() throws SQLException {
        if (name == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(SERVER_URL); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
        name = null;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** JDBC URL of this database with the server's parameters (user …) kept. */
    public String url() {
        int slash = SERVER_URL.indexOf('/', "jdbc:postgresql://".length());
        int query = SERVER_URL.indexOf('?', slash);
        return SERVER_URL.substring(0, slash + 1) + name + (query >= 0 ? SERVER_URL.substring(query) : "");
    }

    /** URL without the query string, for settings that take the user apart. */
    public String urlWithoutParameters() {
        String url = url();
        int query = url.indexOf('?');
        return query >= 0 ? url.substring(0, query) : url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Runs statements (each its own autocommit statement). */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    /** The first column of every row, as strings (null stays null). */
    public List<String> queryColumn(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** The single value of a one-row, one-column query. */
    public String queryValue(String sql) throws SQLException {
        List<String> rows = queryColumn(sql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from <" + sql + "> but got " + rows);
        }
        return rows.get(0);
    }

    /** True when a table (optionally schema-qualified) exists. */
    public boolean tableExists(String table) throws SQLException {
        return queryValue("select to_regclass('" + table + "') is not null").equals("t");
    }
}
