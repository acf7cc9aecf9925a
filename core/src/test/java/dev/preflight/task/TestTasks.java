package dev.preflight.task;

import dev.preflight.Task;
import dev.preflight.TaskContext;
import dev.preflight.TaskParameter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tasks listed by the tests' own services file (see {@link TaskTest#loader}). */
public final class TestTasks {

    private TestTasks() {
    }

    /** Writes its typed arguments into table {@code echo}. */
    public static final class Echo implements Task {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String description() {
            return "Writes its arguments into table echo";
        }

        @Override
        public List<TaskParameter> parameters() {
            return List.of(TaskParameter.date("when", "a day").asRequired(),
                    TaskParameter.integer("count", "a number").withDefault("2"),
                    TaskParameter.choice("mode", "a choice", "fast", "slow").withDefault("fast"),
                    TaskParameter.bool("loud", "a flag").withDefault("false"));
        }

        @Override
        public void run(TaskContext context) throws Exception {
            try (Connection c = context.dataSource().getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("create table if not exists echo (k text, v text)");
                }
                var args = context.arguments();
                Map<String, Object> typed = Map.of("when", args.date("when").plusDays(1), "count", args.integer("count") * 10,
                        "mode", args.string("mode"), "loud", !args.bool("loud"), "repo", context.repo());
                int done = 0;
                for (var e : typed.entrySet()) {
                    try (PreparedStatement ps = c.prepareStatement("insert into echo values (?, ?)")) {
                        ps.setString(1, e.getKey());
                        ps.setString(2, String.valueOf(e.getValue()));
                        ps.execute();
                    }
                    context.progress(++done, typed.size(), "rows written");
                }
            }
            context.log("echo ok");
        }
    }

    /** Fails with a database error. */
    public static final class Fail implements Task {
        @Override
        public String name() {
            return "fail";
        }

        @Override
        public String description() {
            return "Divides by zero";
        }

        @Override
        public void run(TaskContext context) throws Exception {
            try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("select 1 / 0");
            }
        }
    }

    /** Borrows connections from four threads at once and records the server pid of each into table pool_pids. */
    public static final class Pool implements Task {
        @Override
        public String name() {
            return "pool";
        }

        @Override
        public String description() {
            return "Borrows from four threads";
        }

        @Override
        public void run(TaskContext context) throws Exception {
            try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table if not exists pool_pids (pid int, seen int)");
            }
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    all.add(threads.submit(() -> {
                        try (Connection c = context.dataSource().getConnection();
                             Statement s = c.createStatement()) {
                            // Hold the connection a moment so the threads overlap; count the pool's sessions then.
                            s.execute("insert into pool_pids select pg_backend_pid(), (select count(*)"
                                    + " from pg_stat_activity where datname = current_database()"
                                    + " and application_name like 'preflight %') from (select pg_sleep(0.3)) x");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            } finally {
                threads.shutdown();
            }
        }
    }
}
