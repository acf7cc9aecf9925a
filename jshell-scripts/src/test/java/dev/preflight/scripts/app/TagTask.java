package dev.preflight.scripts.app;

import dev.preflight.Task;
import dev.preflight.TaskContext;
import dev.preflight.TaskParameter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * An application's task for the tests: {@code tag name=<text> [times=<n>]} inserts the tag {@code name-1} ..
 * {@code name-n} into the application's {@code tag} table. Put on an application's class path with
 * {@code META-INF/services/dev.preflight.Task} naming it.
 */
public final class TagTask implements Task {

    @Override
    public String name() {
        return "tag";
    }

    @Override
    public String description() {
        return "inserts numbered tags";
    }

    @Override
    public List<TaskParameter> parameters() {
        return List.of(TaskParameter.string("name", "the tag's name").asRequired(),
                TaskParameter.integer("times", "how many tags").withDefault("1"));
    }

    @Override
    public void run(TaskContext context) throws Exception {
        String name = context.arguments().string("name");
        int times = context.arguments().integer("times");
        try (Connection c = context.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("insert into tag (name) values (?)")) {
            for (int i = 1; i <= times; i++) {
                insert.setString(1, name + "-" + i);
                insert.executeUpdate();
                context.progress(i, times, "tag " + name + "-" + i);
            }
        }
        context.log("tagged " + times);
    }
}
