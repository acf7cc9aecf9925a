package dev.preflight.demo;

import dev.preflight.Task;
import dev.preflight.TaskContext;
import dev.preflight.TaskParameter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;

/**
 * A task: deletes done todos created before a day. Found through META-INF/services/dev.preflight.Task; a dry run
 * (the default) only counts them.
 *
 * <pre>
 * java -jar preflight-agent.jar task purge-done-todos older-than=2024-06-01                 # count only
 * java -jar preflight-agent.jar task purge-done-todos older-than=2024-06-01 dry-run=false   # delete
 * </pre>
 */
public class PurgeDoneTodos implements Task {

    @Override
    public String name() {
        return "purge-done-todos";
    }

    @Override
    public String description() {
        return "Deletes done todos created before a day (a dry run only counts them)";
    }

    @Override
    public List<TaskParameter> parameters() {
        return List.of(
                TaskParameter.date("older-than", "purge done todos created before this day").asRequired(),
                TaskParameter.bool("dry-run", "only count what would be deleted").withDefault("true"));
    }

    @Override
    public void run(TaskContext context) throws Exception {
        Timestamp before = Timestamp.valueOf(context.arguments().date("older-than").atStartOfDay());
        boolean dryRun = context.arguments().bool("dry-run");
        try (Connection c = context.dataSource().getConnection()) {
            if (dryRun) {
                try (PreparedStatement count = c.prepareStatement(
                        "select count(*) from todo where done and created_at < ?")) {
                    count.setTimestamp(1, before);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        context.log("dry run: " + rs.getLong(1) + " done todo(s) created before "
                                + context.arguments().string("older-than") + " would be deleted;"
                                + " run again with dry-run=false to delete them");
                    }
                }
                return;
            }
            try (PreparedStatement delete = c.prepareStatement("delete from todo where done and created_at < ?")) {
                delete.setTimestamp(1, before);
                context.log("deleted " + delete.executeUpdate() + " done todo(s) created before "
                        + context.arguments().string("older-than"));
            }
        }
    }
}
