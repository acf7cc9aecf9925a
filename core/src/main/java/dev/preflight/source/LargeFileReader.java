package dev.preflight.source;

import dev.preflight.sql.CopyRows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Reads a migration file larger than {@link #LARGE} without holding the data rows of its {@code COPY ... FROM stdin}
 * blocks: a seed or a {@code pg_dump} of hundreds of megabytes then costs memory in proportion to its SQL, not to its
 * data. The text it returns has each such row as an empty line (so every line keeps its number, and markers and
 * statements are found as in the file); the rows themselves are {@link CopyRows}, streamed from the file when their
 * statement runs.
 *
 * <pre>{@code
 * LargeFileReader.Text text = LargeFileReader.read("db/migrations/V2__seed.sql", () -> Files.newInputStream(file));
 * SqlSplitter.split(text.text(), origin, 1, text.copyRows());   // the COPY statement gets its CopyRows
 * }</pre>
 *
 * <p>One pass over the bytes. A block is recognised by its line alone: a line ending in {@code FROM stdin ...;} (as
 * {@code pg_dump} writes it), up to the line {@code \.}. That is a guess without the SQL lexer: a line inside a quoted
 * string could look the same. The splitter decides for real later, and a script with rows it does not claim is read
 * whole after all ({@link Script#whole()}), as any smaller file is. The checksum stays that of the whole text
 * ({@link Migration#checksumOf(Script)}), so a file's checksum does not depend on how it was read.
 */
final class LargeFileReader {

    /** Files above this size (8 MiB) keep their COPY rows in the file. */
    static final long LARGE = 8L << 20;

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?i)\\bfrom\\s+stdin\\b[^;]*;\\s*$");

    /** A file's text, with the COPY rows left out of it. */
    record Text(String text, List<CopyRows> copyRows) {
    }

    private final String origin;
    private final CopyRows.Source source;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    /** The file offset of {@code buffer[0]}. */
    private long bufferStart;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<CopyRows> copyRows = new ArrayList<>();
    /** The line about to be read, 1-based. */
    private int lineNumber = 1;

    private LargeFileReader(String origin, CopyRows.Source source, InputStream in) {
        this.origin = origin;
        this.source = source;
        this.in = in;
    }

    static Text read(String origin, CopyRows.Source source) throws IOException {
        try (InputStream in = source.open()) {
            return new LargeFileReader(origin, source, in).read();
        }
    }

    private Text read() throws IOException {
        // A byte order mark is not SQL; editors on Windows add one.
        if (peek(0) == 0xEF && peek(1) == 0xBB && peek(2) == 0xBF) {
            pos += 3;
        }
        while (peek(0) >= 0) {
            String sql = sqlLine();
            if (COPY_FROM_STDIN.matcher(sql.stripTrailing()).find()) {
                copyRows();
            }
        }
        return new Text(text.toString(), List.copyOf(copyRows));
    }

    /** Reads one line of SQL into the text, with its line break as written; returns it without the break. */
    private String sqlLine() throws IOException {
        line.reset();
        int b;
        while ((b = peek(0)) >= 0 && b != '\n' && b != '\r') {
            line.write(b);
            pos++;
        }
        String decoded = Resource.decodeStrictly(origin, ByteBuffer.wrap(line.toByteArray()));
        text.append(decoded);
        if (b >= 0) {
            pos++;
            text.append((char) b);
            if (b == '\r' && peek(0) == '\n') {
                pos++;
                text.append('\n');
            }
            lineNumber++;
        }
        return decoded;
    }

    /**
     * Skips the rows after a COPY line up to the line {@code \.} (or the end of the file), keeping their place,
     * length and checksum; they become as many empty lines of the text.
     */
    private void copyRows() throws IOException {
        long start = position();
        int firstLine = lineNumber;
        CRC32 crc = new CRC32();
        long normalized = 0;
        int rows = 0;
        while (peek(0) >= 0 && !(peek(0) == '\\' && peek(1) == '.' && (peek(2) < 0 || peek(2) == '\n'
                || peek(2) == '\r'))) {
            normalized += row(crc);
            rows++;
        }
        if (rows == 0) {
            return;
        }
        copyRows.add(new CopyRows(origin, source, firstLine, rows, start, position() - start, crc.getValue(),
                normalized));
        text.append("\n".repeat(rows));
        lineNumber += rows;
    }

    /** One data row: its bytes into {@code crc} with its line break as {@code \n}; returns how many went in. */
    private long row(CRC32 crc) throws IOException {
        long length = 0;
        while (true) {
            if (pos >= limit && peek(0) < 0) {
                return length;
            }
            int from = pos;
            while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            crc.update(buffer, from, pos - from);
            length += pos - from;
            if (pos < limit) {
                boolean carriageReturn = buffer[pos] == '\r';
                pos++;
                if (carriageReturn && peek(0) == '\n') {
                    pos++;
                }
                crc.update('\n');
                return length + 1;
            }
        }
    }

    private long position() {
        return bufferStart + pos;
    }

    /** The byte {@code ahead} bytes after the current one, or -1 past the end of the file. */
    private int peek(int ahead) throws IOException {
        while (pos + ahead >= limit) {
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                bufferStart += pos;
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return -1;
            }
            limit += n;
        }
        return buffer[pos + ahead] & 0xff;
    }

    /** How many line breaks {@code text} has ({@code \r\n}, {@code \r} and {@code \n} each one). */
    static int lineBreaks(String text) {
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
    }

    /**
     * {@code elided} (a script read by this class, starting at line {@code firstLine} of {@code file}) with the lines
     * of {@code rows} taken from {@code file} again. Every other line stays as in {@code elided}: a section made of
     * several parts of the file (sql-migrate) has the lines between them blanked, and they stay blank.
     */
    static String withRows(String file, int firstLine, String elided, List<CopyRows> rows) {
        int inFile = 0;
        for (int line = 1; line < firstLine; line++) {
            inFile = afterBreak(file, inFile);
        }
        StringBuilder out = new StringBuilder(elided.length());
        int line = firstLine;
        for (int at = 0; at < elided.length(); line++) {
            int next = afterBreak(elided, at);
            int nextInFile = afterBreak(file, inFile);
            int current = line;
            if (rows.stream().anyMatch(r -> current >= r.firstLine() && current < r.firstLine() + r.lines())) {
                out.append(file, inFile, nextInFile);
            } else {
                out.append(elided, at, next);
            }
            at = next;
            inFile = nextInFile;
        }
        return out.toString();
    }

    private static int afterBreak(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            return i + 2;
        }
        return Math.min(i + 1, text.length());
    }
}
