package dev.preflight.cli;

import dev.preflight.Task;
import dev.preflight.TaskContext;
import dev.preflight.TaskParameter;
import dev.preflight.backfill.Backfill;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/** Application tasks for the CLI tests, listed by a services file the tests put on the context class loader. */
public final class CliTasks {

    private CliTasks() {
    }

    /** Backfills table t1 with {@code rows} rows in batches of 100. */
    public static final class Fill implements Task {
        @Override
        public String name() {
            return "fill";
        }

        @Override
        public String description() {
            return "Backfills a table of rows";
        }

        @Override
        public List<TaskParameter> parameters() {
            return List.of(TaskParameter.integer("rows", "how many").asRequired());
        }

        @Override
        public void run(TaskContext context) throws Exception {
            try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table filled (id int primary key, n int not null default 0)");
                s.execute("insert into filled (id) select g from generate_series(1, "
                        + context.arguments().integer("rows") + ") g");
                s.execute("analyze filled");
                Backfill.of("filled_n", "filled", "id", "n = 1").batchSize(100).run(c);
            }
        }
    }

    /** A data migration with a backfill of table t1's 500 rows that wires nothing for progress. */
    public static final class V1__FillT1 implements dev.preflight.JavaMigration {
        @Override
        public dev.preflight.Kind kind() {
            return dev.preflight.Kind.DATA;
        }

        @Override
        public boolean transactional() {
            return false;
        }

        @Override
        public void up(Connection c) throws Exception {
            Backfill.of("t1_id", "t1", "id", "id = id").batchSize(100).run(c);
        }
    }

    /** Always fails. */
    public static final class Boom implements Task {
        @Override
        public String name() {
            return "boom";
        }

        @Override
        public String description() {
            return "Fails";
        }

        @Override
        public void run(TaskContext context) {
            throw new IllegalStateException("the boom task always fails");
        }
    }
}
