package dev.preflight.bench;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.StatusReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Preflight against a plain-JDBC floor, in one run, for each N generated migrations (each creates a table
 * with an index):
 * <ul>
 *   <li>apply: all N on an empty database. Floor: one transaction per migration (the file's SQL in one
 *       execute plus an insert of its version), nothing else.</li>
 *   <li>no-op start: a whole {@code java} process with nothing pending. Floor: connect and
 *       {@code select max(version)}. Preflight: {@code -javaagent} with an empty main, whose class path holds
 *       only its own classes (the agent jar comes with {@code -javaagent}), as a user runs it. Twice: with the
 *       migrations in a folder ({@code no-op, folder}), and packed in the application's jar started with
 *       {@code java -jar} ({@code no-op, jar}; the floor's jar holds them too). Then the same JVM with a stand-in
 *       agent ({@link LowerBoundAgent}) that only connects and selects ({@code agent: bare}), or reads Preflight's
 *       configuration first ({@code agent: config}): what any agent pays before doing anything of its own.</li>
 *   <li>status: floor = read the history ordered and list the folder; Preflight = {@code status()}, as the first
 *       call of a new instance ({@code status, first}: connects, reads every file) and as a repeated call on one
 *       instance ({@code status, again}: JConsole refreshing the Migrations attribute).</li>
 * </ul>
 * Prints medians and the ratio to the floor; asserts nothing. Usage: {@code scripts/bench [runs] [N ...]}; the
 * environment variable {@code BENCH_OPERATIONS} (e.g. {@code no-op,status}) picks operations, since apply at
 * N=5000 takes minutes.
 */
public final class Bench {

    static final String SERVER = System.getenv().getOrDefault("PREFLIGHT_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 1000, 5000);
        }
        String operations = System.getenv().getOrDefault("BENCH_OPERATIONS", "apply,no-op,status");
        boolean apply = operations.contains("apply");
        boolean noop = operations.contains("no-op");
        boolean status = operations.contains("status");
        Path agent = Path.of(System.getProperty("preflight.agent.jar", "agent/target/preflight-agent.jar"))
                .toAbsolutePath();
        System.out.printf(Locale.ROOT, "Preflight vs plain-JDBC floor, median of %d run(s), %s%n", runs,
                Runtime.version());
        System.out.printf(Locale.ROOT, "| %5s | %-13s | %10s | %12s | %6s |%n", "N", "operation", "floor ms",
                "preflight ms", "ratio");
        System.out.printf("|------:|---------------|-----------:|-------------:|-------:|%n");
        for (int n : sizes) {
            Path dir = Files.createTempDirectory("preflight-bench-" + n);
            // Beside the migrations, not in them: the folder layout would list the jars as unmatched files.
            Path jars = dir.resolveSibling(dir.getFileName() + "-jars");
            try {
                generate(dir, n);
                if (apply) {
                    compare(n, "apply", runs, () -> applyFloor(dir, n), () -> applyPreflight(dir));
                }
                String floorDb = createDatabase();
                String preflightDb = createDatabase();
                try {
                    applyFloorOn(url(floorDb), dir);
                    migrate(url(preflightDb), dir);
                    if (noop) {
                        compare(n, "no-op, folder", runs, () -> process(List.of("-cp", classPath(),
                                        FloorApp.class.getName(), url(floorDb))),
                                () -> process(List.of("-javaagent:" + agent + "=url=" + url(preflightDb)
                                        + ",locations=" + dir + ",data-locations=" + dir.resolve("none"),
                                        // What a user runs: the application's own classes and the shaded agent jar.
                                        "-cp", emptyAppClassPath(), EmptyApp.class.getName())));
                        // The migrations packed in the application's jar, started with java -jar, as most apps ship.
                        Files.createDirectories(jars);
                        Path floorJar = appJar(jars.resolve("floor.jar"), FloorApp.class, dir, pgjdbcJar());
                        Path appJar = appJar(jars.resolve("app.jar"), EmptyApp.class, dir, null);
                        Timed floorJarStart = () -> process(List.of("-jar", floorJar.toString(), url(floorDb)));
                        compare(n, "no-op, jar", runs, floorJarStart,
                                () -> process(List.of("-javaagent:" + agent + "=url=" + url(preflightDb)
                                        + ",locations=classpath:db/migrations,data-locations=" + dir.resolve("none"),
                                        "-jar", appJar.toString())));
                        // What any agent pays before doing anything of Preflight's own: the same JVM with a
                        // -javaagent that only connects and selects (and, second, reads the configuration first).
                        Path lowerBound = agentJar(jars.resolve("lower-bound-agent.jar"));
                        compare(n, "agent: bare", runs, floorJarStart,
                                () -> process(List.of("-javaagent:" + lowerBound + "=bare:" + url(preflightDb),
                                        "-jar", appJar.toString())));
                        compare(n, "agent: config", runs, floorJarStart,
                                () -> process(List.of("-javaagent:" + lowerBound + "=config:url=" + url(preflightDb)
                                        + ",locations=classpath:db/migrations", "-jar", appJar.toString())));
                    }
                    if (status) {
                        // First call: a new Preflight (connects, reads every file). Repeated: the same instance asked
                        // again, as JConsole refreshing the Migrations attribute does.
                        compare(n, "status, first", runs, () -> statusFloor(url(floorDb), dir),
                                () -> statusPreflight(url(preflightDb), dir));
                        compare(n, "status, again", runs, () -> statusFloor(url(floorDb), dir),
                                () -> statusPreflightRepeated(url(preflightDb), dir));
                    }
                } finally {
                    dropDatabase(floorDb);
                    dropDatabase(preflightDb);
                }
            } finally {
                delete(dir);
                delete(jars);
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void row(int n, String op, double floor, double preflight) {
        System.out.printf(Locale.ROOT, "| %5d | %-13s | %10.1f | %12.1f | %5.2fx |%n", n, op, floor, preflight,
                preflight / floor);
    }

    /** N dbmate migrations, each creating a table with an index (down: drop it); also the input of LintBench. */
    static void generate(Path dir, int n) throws IOException {
        Files.createDirectories(dir.resolve("none"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve(String.format("%06d_create_t%d.sql", i, i)), "-- migrate:up\n"
                    + "create table t" + i + " (id bigint primary key, v text);\n"
                    + "create index t" + i + "_v on t" + i + " (v);\n\n-- migrate:down\ndrop table t" + i + ";\n");
        }
    }

    // ------------------------------------------------------------------ the floor

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    private static long applyFloor(Path dir, int n) throws Exception {
        String db = createDatabase();
        try {
            long t0 = System.nanoTime();
            applyFloorOn(url(db), dir);
            return System.nanoTime() - t0;
        } finally {
            dropDatabase(db);
        }
    }

    private static void applyFloorOn(String url, Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table if not exists floor_history (version text primary key)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into floor_history values (?)")) {
                for (Path file : files(dir)) {
                    String text = Files.readString(file);
                    String up = text.substring("-- migrate:up\n".length(), text.indexOf("-- migrate:down"));
                    s.execute(up);
                    insert.setString(1, file.getFileName().toString().substring(0, 6));
                    insert.executeUpdate();
                    c.commit();
                }
            }
        }
    }

    private static long statusFloor(String url, Path dir) throws Exception {
        long t0 = System.nanoTime();
        int rows = 0;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version from floor_history order by version")) {
            while (rs.next()) {
                rows++;
            }
        }
        if (rows != files(dir).size()) {
            throw new IllegalStateException("floor history and files disagree");
        }
        return System.nanoTime() - t0;
    }

    // ------------------------------------------------------------------ Preflight

    private static PreflightConfig config(String url, Path dir) {
        return PreflightConfig.fromProperties(Map.of("url", url, "locations", dir.toString(),
                "data-locations", dir.resolve("none").toString()));
    }

    private static void migrate(String url, Path dir) {
        try (Preflight p = Preflight.open(config(url, dir))) {
            p.migrate();
        }
    }

    private static long applyPreflight(Path dir) throws Exception {
        String db = createDatabase();
        try {
            long t0 = System.nanoTime();
            migrate(url(db), dir);
            return System.nanoTime() - t0;
        } finally {
            dropDatabase(db);
        }
    }

    private static long statusPreflightRepeated(String url, Path dir) {
        try (Preflight p = Preflight.open(config(url, dir))) {
            p.status();
            long t0 = System.nanoTime();
            StatusReport status = p.status();
            if (status.pendingCount() != 0) {
                throw new IllegalStateException("expected nothing pending");
            }
            return System.nanoTime() - t0;
        }
    }

    private static long statusPreflight(String url, Path dir) {
        long t0 = System.nanoTime();
        try (Preflight p = Preflight.open(config(url, dir))) {
            StatusReport status = p.status();
            if (status.pendingCount() != 0) {
                throw new IllegalStateException("expected nothing pending");
            }
        }
        return System.nanoTime() - t0;
    }

    // ------------------------------------------------------------------ plumbing

    private static long process(List<String> javaArgs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + command);
        }
        return System.nanoTime() - t0;
    }

    /**
     * An application jar: {@code main} as its Main-Class (with {@code classPath}, if any, in its manifest) and the
     * migrations of {@code dir} under {@code db/migrations/}.
     */
    private static Path appJar(Path jar, Class<?> main, Path dir, Path classPath) throws Exception {
        Manifest manifest = manifest();
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toUri().toString());
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            String classFile = classFile(main);
            for (String folder : List.of("db/", "db/migrations/", classFile.substring(0, classFile.lastIndexOf('/') + 1))) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            putClass(out, main);
            for (Path file : files(dir)) {
                out.putNextEntry(new JarEntry("db/migrations/" + file.getFileName()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** {@link LowerBoundAgent} as an agent jar, with the bench's own class path (core, pgjdbc) in its manifest. */
    private static Path agentJar(Path jar) throws Exception {
        Manifest manifest = manifest();
        manifest.getMainAttributes().putValue("Premain-Class", LowerBoundAgent.class.getName());
        StringBuilder classPath = new StringBuilder();
        for (String entry : classPath().split(java.io.File.pathSeparator)) {
            classPath.append(classPath.length() == 0 ? "" : " ").append(Path.of(entry).toUri());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            putClass(out, LowerBoundAgent.class);
        }
        return jar;
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    private static String classFile(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    /** Copies {@code type}'s class file into the jar. */
    private static void putClass(JarOutputStream out, Class<?> type) throws IOException {
        out.putNextEntry(new JarEntry(classFile(type)));
        try (var in = type.getClassLoader().getResourceAsStream(classFile(type))) {
            in.transferTo(out);
        }
        out.closeEntry();
    }

    private static Path pgjdbcJar() throws Exception {
        return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Only the bench's own classes: the agent jar comes with -javaagent, as for a user's application. */
    private static String emptyAppClassPath() throws Exception {
        return Path.of(EmptyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    @FunctionalInterface
    private interface Timed {
        long nanos() throws Exception;
    }

    /**
     * Times floor and Preflight alternately (after one warm-up of each; the order flips every run), so that a
     * machine getting slower or faster, or the clean-up of the previous run (dropping a database of thousands of
     * tables makes PostgreSQL flush), weighs on both alike; prints the medians and their ratio.
     */
    private static void compare(int n, String op, int runs, Timed floor, Timed preflight) throws Exception {
        floor.nanos();
        preflight.nanos();
        double[] floorMs = new double[runs];
        double[] preflightMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                floorMs[i] = floor.nanos() / 1e6;
                preflightMs[i] = preflight.nanos() / 1e6;
            } else {
                preflightMs[i] = preflight.nanos() / 1e6;
                floorMs[i] = floor.nanos() / 1e6;
            }
        }
        row(n, op, median(floorMs), median(preflightMs));
    }

    static double median(double[] ms) {
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    static String createDatabase() throws Exception {
        String name = "preflight_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return name;
    }

    static void dropDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }

    static String url(String db) {
        int slash = SERVER.indexOf('/', "jdbc:postgresql://".length());
        int query = SERVER.indexOf('?', slash);
        return SERVER.substring(0, slash + 1) + db + (query >= 0 ? SERVER.substring(query) : "");
    }
}
