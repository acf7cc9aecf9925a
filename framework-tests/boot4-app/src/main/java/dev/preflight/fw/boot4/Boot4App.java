package dev.preflight.fw.boot4;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spring Boot 4 application: its first line prints what the migrations made; once started it logs through Boot's
 * logging (to the file {@code logging.file.name} names) and ends.
 */
@SpringBootApplication
public class Boot4App implements CommandLineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(Boot4App.class);

    public static void main(String[] args) throws Exception {
        System.out.println("BOOT4 APP FIRST LINE greetings=" + greetings());
        SpringApplication.run(Boot4App.class, args);
    }

    @Override
    public void run(String... args) {
        LOG.info("BOOT4 APP STARTED");
    }

    private static List<String> greetings() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(System.getProperty("app.url")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select text from boot4_greeting order by text")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
