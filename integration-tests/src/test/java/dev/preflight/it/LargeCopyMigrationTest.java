package dev.preflight.it;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration with a 200 MB {@code COPY ... FROM stdin} block applies through the CLI in a JVM of at most 256 MB of
 * heap: its rows are streamed from the file, never held. Costs about 10 s (writing the file, COPY of 2 million rows).
 */
class LargeCopyMigrationTest {

    private static final long SIZE = 200L << 20;

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path dir;

    @Test
    void a200MegabyteCopyAppliesWithA256MegabyteHeap() throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        new MigrationFiles(dir.resolve("data"));
        Path file = files.dir().resolve("1_seed.sql");
        String head = "create table seed (id bigint primary key, v text);\nCOPY seed (id, v) FROM stdin;\n";
        String tail = "\\.\ninsert into seed values (0, 'after the rows');\n";
        CRC32 up = new CRC32();
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("-- migrate:up\n");
            out.write(head);
            up.update(head.getBytes(StandardCharsets.UTF_8));
            String value = "v".repeat(90);
            for (long written = 0; written < SIZE; ) {
                String row = ++rows + "\t" + value + "\n";
                out.write(row);
                up.update(row.getBytes(StandardCharsets.UTF_8));
                written += row.length();
            }
            out.write(tail);
            up.update(tail.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.size(file) > SIZE);

        ChildJvm.Result r = ChildJvm.cli(dir, "migrate").jvmArgument("-Xmx256m").timeout(Duration.ofMinutes(5))
                .env("PREFLIGHT_URL", db.url()).env("PREFLIGHT_LOCATIONS", files.dir().toString())
                .env("PREFLIGHT_DATA_LOCATIONS", dir.resolve("data").toString()).run();

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("applied 1 seed"), r::toString);
        assertEquals(String.valueOf(rows + 1), db.queryValue("select count(*) from seed"));
        assertEquals(String.format("%08x", up.getValue()),
                db.queryValue("select checksum from preflight_schema_history where version = '1'"));
    }
}
