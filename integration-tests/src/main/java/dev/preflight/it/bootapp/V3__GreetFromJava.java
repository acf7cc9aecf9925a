package dev.preflight.it.bootapp;

import dev.preflight.JavaMigration;

import java.sql.Connection;
import java.sql.Statement;

/** A Java migration inside the Boot fat jar: found only through Boot's class loader. */
public class V3__GreetFromJava implements JavaMigration {

    @Override
    public void up(Connection connection) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("insert into boot_greeting values ('hello from java')");
        }
    }
}
