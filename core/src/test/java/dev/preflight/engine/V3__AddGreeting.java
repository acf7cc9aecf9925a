package dev.preflight.engine;

import dev.preflight.JavaMigration;

import java.sql.Connection;
import java.sql.Statement;

/** A Java migration listed only in the jar built by {@link ClasspathJarTest}. */
public class V3__AddGreeting implements JavaMigration {

    @Override
    public String repo() {
        return "jar-test";
    }

    @Override
    public void up(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("insert into greeting values ('hello from java')");
        }
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void down(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("delete from greeting where text = 'hello from java'");
        }
    }
}
