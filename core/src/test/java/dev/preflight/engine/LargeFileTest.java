package dev.preflight.engine;

import dev.preflight.Preflight;
import dev.preflight.Target;
import dev.preflight.source.Migration;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration file above the size from which COPY rows stay in the file (8 MiB): applied, checksummed and rolled
 * back exactly as if it had been read whole. The 200 MB file under a 256 MB heap is {@code LargeCopyMigrationTest}
 * in the integration tests.
 */
class LargeFileTest {

    private static final int ROWS = 100_000;

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(db, tmp);
    }

    /** A dbmate file of about 10 MB with Windows line endings; its up section's text. */
    private String write() throws Exception {
        StringBuilder up = new StringBuilder("create table big (id int, v text);\r\nCOPY big (id, v) FROM stdin;\r\n");
        for (int i = 1; i <= ROWS; i++) {
            up.append(i).append("\tvalue ").append(i).append(" ").append("x".repeat(80)).append("\r\n");
        }
        up.append("\\.\r\n").append("insert into big values (-1, 'after the rows');\r\n\r\n");
        // The down script has lines that look like COPY data but are a quoted text: they must stay as they are.
        String file = "-- migrate:up\r\n" + up + "-- migrate:down\r\ndrop table big;\r\ncreate table notes (t text);\r\n"
                + "insert into notes values ($$\r\nselect x from stdin;\r\n\\.\r\n$$);\r\n";
        Files.writeString(fx.files.dir().resolve("1_big.sql"), file);
        assertTrue(Files.size(fx.files.dir().resolve("1_big.sql")) > (8 << 20));
        return up.toString();
    }

    @Test
    void aLargeFileIsAppliedChecksummedAndRolledBackAsIfReadWhole() throws Exception {
        String up = write();
        try (Preflight p = fx.open()) {
            assertEquals(1, p.migrate().count());
            assertEquals(String.valueOf(ROWS + 1), db.queryValue("select count(*) from big"));
            assertEquals(String.valueOf((long) ROWS * (ROWS + 1) / 2 - 1), db.queryValue("select sum(id) from big"));
            assertEquals("value 77 " + "x".repeat(80), db.queryValue("select v from big where id = 77"));
            assertEquals(Migration.checksumOf(up),
                    db.queryValue("select checksum from preflight_schema_history where version = '1'"));
            assertTrue(p.validate().isValid(), () -> p.validate().problems().toString());

            p.rollback(Target.step(1));
        }
        assertFalse(db.tableExists("big"));
        assertEquals("\r\nselect x from stdin;\r\n\\.\r\n", db.queryValue("select t from notes"));
        assertEquals(List.of(), fx.history());
    }
}
