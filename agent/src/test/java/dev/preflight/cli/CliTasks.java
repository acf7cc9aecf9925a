package dev.preflight.cli;

import dev.preflight.Task;
import dev.preflight.TaskContext;
import dev.preflight.backfill.Backfill;
import dev.preflight.testing.BackfillMigration;


/** Application tasks for the CLI tests, listed by a services file the tests put on the context class loader. */
public final class CliTasks {

    private CliTasks() {
    }

    /** A data migration with a backfill of table t1's 500 rows that wires nothing for progress. */
    public static final class V1__FillT1 extends BackfillMigration {
        public V1__FillT1() {
            super(Backfill.of("t1_id", "t1", "id", "id = id").batchSize(100));
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
