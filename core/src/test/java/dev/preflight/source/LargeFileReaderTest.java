package dev.preflight.source;

import dev.preflight.sql.CopyRows;
import dev.preflight.sql.SqlSplitter;
import dev.preflight.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large file's text with its COPY rows left in the file: same lines, same statements, same checksum as the file
 * read whole, and the rows streamed back exactly as the splitter would have given them.
 */
class LargeFileReaderTest {

    private static final String FILE = "\uFEFF-- migrate:up\r\n"
            + "create table t (id int, v text);\r\n"
            + "COPY public.t (id, v) FROM stdin;\r\n"
            + "1\tone\r\n"
            + "2\ttwo – ü\r\n"
            + "\\.\r\n"
            + "insert into t values (3, 'three');\n"
            + "copy t from STDIN with (format csv);\n"
            + "4,four\r"
            + "5,five\n"
            + "\\.\n"
            + "select count(*) from t;\n"
            + "-- migrate:down\n"
            + "drop table t;";

    private static LargeFileReader.Text read(byte[] bytes) throws IOException {
        return LargeFileReader.read("V1__seed.sql", () -> new ByteArrayInputStream(bytes));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String rows(CopyRows rows) throws IOException {
        try (InputStream in = rows.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theRowsAreLeftOutLineForLineAndStreamedBackAsTheSplitterGivesThem() throws Exception {
        LargeFileReader.Text text = read(bytes(FILE));
        String whole = Resource.decode("V1__seed.sql", bytes(FILE));
        assertEquals(LargeFileReader.lineBreaks(whole), LargeFileReader.lineBreaks(text.text()));
        assertTrue(text.text().contains("FROM stdin;\r\n\n\n\\.\r\n"), text.text());
        assertEquals(2, text.copyRows().size());
        assertEquals(4, text.copyRows().get(0).firstLine());
        assertEquals(2, text.copyRows().get(0).lines());

        List<SqlStatement> fromFile = SqlSplitter.split(text.text(), "V1__seed.sql", 1, text.copyRows());
        List<SqlStatement> fromMemory = SqlSplitter.split(whole, "V1__seed.sql", 1);
        assertEquals(fromMemory.size(), fromFile.size());
        for (int i = 0; i < fromMemory.size(); i++) {
            SqlStatement expected = fromMemory.get(i);
            SqlStatement actual = fromFile.get(i);
            assertEquals(expected.sql(), actual.sql());
            assertEquals(expected.line(), actual.line());
            if (expected.isCopyFromStdin()) {
                assertNull(actual.copyData());
                assertEquals(expected.copyData(), rows(actual.copyRows()));
            }
        }
    }

    @Test
    void theChecksumIsThatOfTheWholeText() throws Exception {
        LargeFileReader.Text text = read(bytes(FILE));
        String whole = Resource.decode("V1__seed.sql", bytes(FILE));
        Script script = new Script("V1__seed.sql", text.text(), 1, text.copyRows());
        assertEquals(Migration.checksumOf(whole), ScriptChecksum.of(script));

        // A section of it (dbmate's up, from line 2 to the down marker) likewise.
        int down = whole.indexOf("-- migrate:down");
        int downInText = text.text().indexOf("-- migrate:down");
        Script up = new Script("V1__seed.sql", text.text().substring(text.text().indexOf("create"), downInText), 2,
                text.copyRows());
        assertEquals(Migration.checksumOf(whole.substring(whole.indexOf("create"), down)), ScriptChecksum.of(up));
        assertEquals(whole.substring(whole.indexOf("create"), down), up.whole().sql());
    }

    @Test
    void crcsOfTwoPartsCombineIntoTheCrcOfTheWhole() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] a = new byte[random.nextInt(300)];
            byte[] b = new byte[random.nextInt(70_000)];
            random.nextBytes(a);
            random.nextBytes(b);
            CRC32 whole = new CRC32();
            whole.update(a);
            whole.update(b);
            assertEquals(whole.getValue(), ScriptChecksum.combine(crc(a), crc(b), b.length));
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    @Test
    void rowsThatChangedSinceTheyWereReadFailAtTheirEnd() throws Exception {
        byte[][] file = {bytes(FILE)};
        CopyRows rows = LargeFileReader.read("V1__seed.sql", () -> new ByteArrayInputStream(file[0])).copyRows().get(0);
        assertEquals("1\tone\n2\ttwo – ü\n", rows(rows));
        file[0] = bytes(FILE.replace("1\tone", "1\tONE"));
        IOException e = assertThrows(IOException.class, () -> rows(rows));
        assertTrue(e.getMessage().contains("COPY data rows of V1__seed.sql from line 4 changed since the file was"
                + " read"), e.getMessage());
    }

    @Test
    void linesThatOnlyLookLikeCopyDataAreReadWholeAfterAll() throws Exception {
        String file = "create function f() returns text language sql as $$\n"
                + "select x from stdin;\n"
                + "-- not data\n"
                + "\\.\n"
                + "$$;\n";
        LargeFileReader.Text text = read(bytes(file));
        assertEquals(1, text.copyRows().size(), "the line looks like a COPY's");
        List<SqlStatement> statements = SqlSplitter.split(text.text(), "f.sql", 1, text.copyRows());
        assertTrue(statements.stream().noneMatch(s -> s.copyRows() != null), "no COPY claims them");
        Script whole = new Script("f.sql", text.text(), 1, text.copyRows()).whole();
        assertEquals(file, whole.sql());
        assertArrayEquals(SqlSplitter.split(file, "f.sql", 1).toArray(), SqlSplitter.split(whole.sql(), "f.sql", 1)
                .toArray());
    }

    @Test
    void aScriptOfSeveralSectionsGetsBackOnlyItsOwnRows() {
        // sql-migrate: Up, Down, Up again. The first Up's function body holds lines that look like COPY data; the
        // Down between the two Up sections (blanked in the up script) has a COPY of its own, whose rows are its own.
        String file = "-- +migrate Up\n"
                + "create function f() returns text language sql as $$\n"
                + "select x from stdin;\n"
                + "-- not data\n"
                + "\\.\n"
                + "$$;\n"
                + "-- +migrate Down\n"
                + "copy t from stdin;\n"
                + "1\n"
                + "\\.\n"
                + "-- +migrate Up\n"
                + "create table t (id int);\n";
        byte[] bytes = bytes(file);
        // A stamp that says "large": the file is read as a large one, both blocks' rows left in the file.
        Resource large = new Resource("1_f.sql", "db/1_f.sql", "db", () -> new ByteArrayInputStream(bytes),
                new Resource.FileStamp(LargeFileReader.LARGE + 1, 0, null));
        Migration m = new SingleFileLayout().read(List.of(large), dev.preflight.Kind.SCHEMA, new Problems()).get(0);
        assertEquals(List.of(4), m.up().ownCopyRows().stream().map(CopyRows::firstLine).toList(),
                "the up script has the look-alike row of its own lines, not the down's");
        assertEquals(List.of(9), m.down().ownCopyRows().stream().map(CopyRows::firstLine).toList());

        String up = m.up().whole().sql();

        assertEquals("create function f() returns text language sql as $$\nselect x from stdin;\n-- not data\n"
                + "\\.\n$$;\n\n\n\n\n\ncreate table t (id int);\n", up, "the down's lines stay blank");
        assertEquals(List.of(2, 12), SqlSplitter.split(up, "db/1_f.sql", 2).stream().map(SqlStatement::line).toList());
    }

    @Test
    void invalidUtf8InTheSqlIsStillAnError() {
        byte[] file = {'s', 'e', 'l', 'e', 'c', 't', ' ', (byte) 0xe9, ';', '\n'};
        assertThrows(dev.preflight.MigrationException.class, () -> read(file));
    }
}
