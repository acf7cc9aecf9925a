package dev.preflight.it;

import dev.preflight.testing.ChildJvm;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the agent jar's CLI prints when something is wrong, as a user sees it: one {@code preflight: ...} block, no
 * stack trace (nor a pool's log line about closing) without {@code -v}, and passwords neither shown nor "masked"
 * inside other words.
 */
class CliMessagesTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    @TempDir
    Path dir;

    private ChildJvm.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        return ChildJvm.cli(dir, all.toArray(String[]::new)).run();
    }

    private static void assertOneBlock(ChildJvm.Result r) {
        String err = r.stderr();
        assertTrue(err.startsWith("preflight: "), r::toString);
        assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("WARN"), r::toString);
        assertEquals(1, err.lines().filter(l -> l.startsWith("preflight: ")).count(), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an empty file                | 1_empty.sql | ''                                   | has no up marker",
            "a near-miss name             | V1_x.sql    | 'select 1;'                          | V1_x.sql",
            "an unterminated quote        | V1__q.sql   | 'select ''open;'                     | V1__q.sql:1: unterminated quoted string",
            "a psql meta-command          | V1__m.sql   | '\\set x 1'                          | psql meta-command \\set",
            "a down without an up         | 1_x.down.sql | 'drop table x;'                     | 1_x.down.sql"})
    void aFileErrorIsOneBlockWithoutAStackTrace(String what, String file, String content, String expected)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        files.write(file, content);
        ChildJvm.Result r = cli("--url=" + db.url(), "--locations=" + files.dir(), "migrate");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains(expected), r::toString);
        assertOneBlock(r);
    }

    @Test
    void fileErrorsThatAreNotSqlAreOneBlockToo() throws Exception {
        MigrationFiles files = new MigrationFiles(dir.resolve("migrations"));
        Files.write(files.dir().resolve("V1__latin1.sql"), new byte[] {'s', 'e', 'l', 'e', 'c', 't', ' ', (byte) 0xe9});
        ChildJvm.Result notUtf8 = cli("--url=" + db.url(), "--locations=" + files.dir(), "status");
        assertTrue(notUtf8.stderr().contains("V1__latin1.sql is not valid UTF-8 (at byte 0xE9)"), notUtf8::toString);
        assertOneBlock(notUtf8);

        ChildJvm.Result missing = cli("--url=" + db.url(), "--locations=" + dir.resolve("nowhere"), "migrate");
        assertTrue(missing.stderr().contains("does not exist"), missing::toString);
        assertOneBlock(missing);
    }

    @ParameterizedTest(name = "password {0}")
    @CsvSource({"o", "x", "exist", "nobody", "does not"})
    void aPasswordIsNeverMaskedInsideTheServersWords(String password) {
        ChildJvm.Result r = cli("--url=" + db.urlWithoutParameters(), "--user=nobody", "--password=" + password,
                "status");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("as nobody: FATAL: role \"nobody\" does not exist."), r::toString);
        assertFalse(r.stderr().contains("*"), r::toString);
        assertOneBlock(r);
    }

    @Test
    void aPasswordInsideAUrlIsMaskedAsAWholeToken() {
        ChildJvm.Result r = cli("--url=" + db.urlWithoutParameters() + "?user=nobody&password=o", "status");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("?user=nobody&password=*****"), r::toString);
        assertTrue(r.stderr().contains("role \"nobody\" does not exist"), r::toString);
        assertFalse(r.stderr().contains("password=o"), r::toString);

        ChildJvm.Result userInfo = cli("--url=" + db.urlWithoutParameters().replace("jdbc:postgresql://",
                "postgres://nobody:s3cret@"), "status");
        assertEquals(3, userInfo.exitCode(), userInfo::toString);
        assertFalse(userInfo.stderr().contains("s3cret"), userInfo::toString);
        assertTrue(userInfo.stderr().contains("role \"nobody\" does not exist"), userInfo::toString);
    }
}
