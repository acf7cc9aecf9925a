package dev.preflight.it.bootapp;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Spring Boot application packed as a real Boot fat jar (its classes and migrations in BOOT-INF/classes, its
 * JDBC driver in BOOT-INF/lib): the agent must hook its Start-Class and find its migrations, SQL and Java, through
 * Boot's class loader. Its first line prints what the database holds, which proves the migrations ran before it.
 */
@Configuration(proxyBeanMethods = false)
public class BootApp {

    public static void main(String[] args) throws SQLException {
        System.out.println("BOOT APP MAIN " + describe(System.getProperty("app.url")));
        SpringApplication application = new SpringApplication(BootApp.class);
        application.setBannerMode(Banner.Mode.OFF);
        try (ConfigurableApplicationContext context = application.run(args)) {
            System.out.println("BOOT APP CONTEXT STARTED " + context.getBeanDefinitionCount() + " beans");
        }
    }

    private static String describe(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            return "history=" + count(s, "preflight_schema_history") + " greetings=" + greetings(s);
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

    private static String greetings(Statement s) throws SQLException {
        if ("none".equals(count(s, "boot_greeting"))) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery("select text from boot_greeting order by text")) {
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : "|").append(rs.getString(1));
            }
        }
        return "[" + out + "]";
    }
}
