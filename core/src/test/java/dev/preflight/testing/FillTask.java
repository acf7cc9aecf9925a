package dev.preflight.testing;

import dev.preflight.Task;
import dev.preflight.TaskContext;
import dev.preflight.TaskParameter;
import dev.preflight.backfill.Backfill;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * An application's task for the tests: {@code fill rows=<n> [batch=<n>]} creates table {@code filled} with
 * {@code rows} rows, logs {@code created <n> rows}, then backfills it ({@code filled_n}) in batches, wiring nothing
 * for progress. List it in a services file (see {@link TestServices}).
 */
public final class FillTask implements Task {

    @Override
    public String name() {
        return "fill";
    }

    @Override
    public String description() {
        return "Creates and backfills table filled";
    }

    @Override
    public List<TaskParameter> parameters() {
        return List.of(TaskParameter.integer("rows", "how many rows").asRequired(),
                TaskParameter.integer("batch", "rows per batch").withDefault("100"));
    }

    @Override
    public void run(TaskContext context) throws Exception {
        int rows = context.arguments().integer("rows");
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table filled (id int primary key, n int not null default 0)");
            s.execute("insert into filled (id) select g from generate_series(1, " + rows + ") g");
            s.execute("analyze filled");
            context.log("created " + rows + " rows");
            Backfill.of("filled_n", "filled", "id", "n = 1").batchSize(context.arguments().integer("batch")).run(c);
        }
    }
}
