package dev.preflight.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** The floor of a no-op start: a JVM that asks the database for its newest version, and exits. */
public final class FloorApp {

    private FloorApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select max(version) from floor_history")) {
            rs.next();
        }
    }
}
