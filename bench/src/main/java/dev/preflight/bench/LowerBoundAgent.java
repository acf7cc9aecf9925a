package dev.preflight.bench;

import dev.preflight.PreflightConfig;
import dev.preflight.RepoConfig;

import java.lang.instrument.Instrumentation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A stand-in agent that does only part of what Preflight's no-op start must do, to show where the floor of any
 * {@code -javaagent} lies: {@code bare:<jdbc url>} connects in {@code premain} and asks for the newest version, as
 * {@link FloorApp} does in its main; {@code config:<agent arguments>} first reads Preflight's configuration from
 * them (every source, as the real agent does) and then does the same with the repo's url and user.
 */
public final class LowerBoundAgent {

    private LowerBoundAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) throws Exception {
        String url;
        Properties properties = new Properties();
        if (args.startsWith("config:")) {
            RepoConfig repo = PreflightConfig.load(ClassLoader.getSystemClassLoader(),
                    PreflightConfig.parseAgentArguments(args.substring("config:".length()))).defaultRepo();
            url = repo.url();
            repo.user().ifPresent(user -> properties.setProperty("user", user));
            repo.password().ifPresent(password -> properties.setProperty("password", password));
        } else {
            url = args.substring("bare:".length());
        }
        try (Connection c = DriverManager.getConnection(url, properties); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select max(version) from preflight_schema_history")) {
            rs.next();
        }
    }
}
