package dev.preflight.fw.quarkus;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The application's own code: its first line (on Quarkus's start-up event) reads what the migrations made through
 * the Agroal data source, and {@code GET /greetings} serves it.
 */
@Path("/greetings")
public class Greetings {

    private static final Logger LOG = Logger.getLogger(Greetings.class);

    @Inject
    DataSource dataSource;

    void onStart(@Observes StartupEvent event) throws SQLException {
        System.out.println("QUARKUS APP FIRST LINE " + describe());
        LOG.info("QUARKUS APP LOGS THROUGH JBOSS LOGGING");
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String list() throws SQLException {
        return String.join(",", greetings());
    }

    private String describe() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet history = s.executeQuery("select to_regclass('preflight_schema_history') is not null")) {
            history.next();
            if (!history.getBoolean(1)) {
                return "history=none";
            }
        }
        return "history=present greetings=" + greetings();
    }

    private List<String> greetings() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select text from quarkus_greeting order by text")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
