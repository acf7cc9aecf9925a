package dev.preflight.demo;

import dev.preflight.JavaMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** A Java migration: seeds the first todo. Found through META-INF/services/dev.preflight.JavaMigration. */
public class V20240103000000__WelcomeTodo implements JavaMigration {

    @Override
    public void up(Connection connection) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("insert into todo (title) values (?)")) {
            insert.setString(1, "try preflight: curl localhost:8081/ready");
            insert.executeUpdate();
        }
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void down(Connection connection) throws Exception {
        try (PreparedStatement delete = connection.prepareStatement("delete from todo where title like 'try preflight%'")) {
            delete.executeUpdate();
        }
    }
}
