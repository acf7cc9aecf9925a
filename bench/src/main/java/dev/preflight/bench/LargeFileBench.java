package dev.preflight.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One large migration file, applied by Preflight and by {@code psql -1 -f} on the same file (a fresh database each
 * run): 10,000 and 100,000 single-row INSERTs (Preflight's time should grow linearly and stay at or below psql's,
 * which waits for each statement in turn), and a 200 MB {@code COPY ... FROM stdin} block, with the peak heap of
 * Preflight's JVM (run with {@code -Xmx256m}). Preflight runs in a JVM of its own ({@link LargeMigrationApp}); the
 * table shows the time of {@code migrate()} in it and, in round brackets, of the whole process. Prints medians and,
 * in square brackets, the fastest run (on a shared machine other work only ever adds time); asserts nothing. Usage:
 * {@code scripts/bench-large [runs]}.
 */
public final class LargeFileBench {

    private static final String ROW = "| %-24s | %14s | %28s | %15s | %13s | %9s |%n";

    private LargeFileBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("preflight-bench-large");
        try {
            System.out.printf(Locale.ROOT, "Preflight vs psql -1 -f on one file, median of %d run(s), %s%n", runs,
                    Runtime.version());
            System.out.printf(Locale.ROOT, ROW, "file", "psql ms [min]", "preflight ms (process) [min]",
                    "ratio [of mins]", "µs/stmt [min]", "peak heap");
            System.out.println("|--------------------------|----------------|------------------------------|"
                    + "-----------------|---------------|-----------|");
            for (int n : new int[] {10_000, 100_000}) {
                Path folder = Files.createDirectories(dir.resolve("inserts-" + n));
                write(folder.resolve("1_seed.sql"), n);
                compare(String.format(Locale.ROOT, "%,d INSERTs", n), folder, runs, n);
            }
            // The same without the safety lint, to show its share (it reads every statement before anything runs).
            compare("100,000 INSERTs, no lint", dir.resolve("inserts-100000"), runs, 100_000, "lint=off");
            Path copy = Files.createDirectories(dir.resolve("copy"));
            writeCopy(copy.resolve("1_seed.sql"), 200L << 20);
            compare("200 MB COPY", copy, runs, 0);
        } finally {
            Bench.delete(dir);
        }
    }

    private static void write(Path file, int n) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("-- migrate:up\ncreate table seed (id int primary key, v text);\n");
            for (int i = 1; i <= n; i++) {
                out.write("insert into seed values (" + i + ", 'value " + i + "');\n");
            }
        }
    }

    private static void writeCopy(Path file, long size) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("-- migrate:up\ncreate table seed (id bigint primary key, v text);\nCOPY seed (id, v) FROM stdin;\n");
            String value = "v".repeat(90);
            long row = 0;
            for (long written = 0; written < size; ) {
                String line = ++row + "\t" + value + "\n";
                out.write(line);
                written += line.length();
            }
            out.write("\\.\n");
        }
    }

    /** A run's times: of migrate() (psql: of the process) and of the whole process, and Preflight's peak heap. */
    private record Run(double ms, double processMs, long peakHeapMb) {
    }

    private static void compare(String what, Path folder, int runs, int statements, String... settings)
            throws Exception {
        psql(folder);
        preflight(folder, settings);
        List<Run> psql = new ArrayList<>();
        List<Run> preflight = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // The order flips every run, so that a machine getting slower weighs on both alike.
            if (i % 2 == 0) {
                psql.add(psql(folder));
                preflight.add(preflight(folder, settings));
            } else {
                preflight.add(preflight(folder, settings));
                psql.add(psql(folder));
            }
        }
        double psqlMs = Bench.median(psql.stream().mapToDouble(Run::ms).toArray());
        double preflightMs = Bench.median(preflight.stream().mapToDouble(Run::ms).toArray());
        double processMs = Bench.median(preflight.stream().mapToDouble(Run::processMs).toArray());
        // The fastest runs too: on a shared machine other work only ever adds time.
        double psqlMin = psql.stream().mapToDouble(Run::ms).min().orElse(0);
        double preflightMin = preflight.stream().mapToDouble(Run::ms).min().orElse(0);
        long peak = preflight.stream().mapToLong(Run::peakHeapMb).max().orElse(0);
        String perStatement = statements == 0 ? "" : String.format(Locale.ROOT, "%.1f", preflightMin * 1000 / statements);
        System.out.printf(Locale.ROOT, ROW, what, String.format(Locale.ROOT, "%.0f [%.0f]", psqlMs, psqlMin),
                String.format(Locale.ROOT, "%.0f (%.0f) [%.0f]", preflightMs, processMs, preflightMin),
                String.format(Locale.ROOT, "%.2fx [%.2fx]", preflightMs / psqlMs, preflightMin / psqlMin),
                perStatement, peak + " MB");
    }

    private static Run psql(Path folder) throws Exception {
        String db = Bench.createDatabase();
        try {
            long t0 = System.nanoTime();
            run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f",
                    folder.resolve("1_seed.sql").toString(), "-d", libpqUrl(db)));
            double ms = (System.nanoTime() - t0) / 1e6;
            return new Run(ms, ms, 0);
        } finally {
            Bench.dropDatabase(db);
        }
    }

    private static Run preflight(Path folder, String... settings) throws Exception {
        String db = Bench.createDatabase();
        try {
            Path data = Files.createDirectories(folder.resolveSibling(folder.getFileName() + "-data"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                    System.getProperty("java.class.path"), LargeMigrationApp.class.getName(), Bench.url(db),
                    folder.toString(), data.toString()));
            command.addAll(List.of(settings));
            long t0 = System.nanoTime();
            String out = run(command);
            double processMs = (System.nanoTime() - t0) / 1e6;
            String line = out.lines().filter(l -> l.startsWith("migrate-ms=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no result line: " + out));
            String[] parts = line.split("[= ]");
            return new Run(Double.parseDouble(parts[1]), processMs, Long.parseLong(parts[3]));
        } finally {
            Bench.dropDatabase(db);
        }
    }

    /** {@code postgresql://user@host:port/db} from the server's JDBC URL, for psql. */
    private static String libpqUrl(String db) {
        String rest = Bench.SERVER.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        int user = rest.indexOf("user=");
        String name = user < 0 ? "" : rest.substring(user + 5).split("&")[0] + "@";
        return "postgresql://" + name + hostPort + "/" + db;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + out);
        }
        return out;
    }
}
