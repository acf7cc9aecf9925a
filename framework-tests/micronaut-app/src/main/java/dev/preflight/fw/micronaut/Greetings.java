package dev.preflight.fw.micronaut;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The application's own code: logs what the migrations made on start-up and serves it on {@code /greetings}. */
@Controller("/greetings")
public class Greetings {

    private static final Logger LOG = LoggerFactory.getLogger(Greetings.class);

    @Inject
    DataSource dataSource;

    @EventListener
    void onStartup(StartupEvent event) throws SQLException {
        LOG.info("MICRONAUT APP FIRST LINE greetings={}", list());
    }

    @Get(produces = "text/plain")
    public String list() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select text from micronaut_greeting order by text")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return String.join(",", rows);
    }
}
