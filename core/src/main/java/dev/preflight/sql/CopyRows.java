package dev.preflight.sql;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * The data rows of one {@code COPY ... FROM stdin} block that stay in their file rather than in memory: a large
 * migration (a seed or a dump of hundreds of megabytes) is read with its rows left out (see {@code
 * dev.preflight.source.LargeFileReader}), and they are streamed from the file to the server when the statement runs,
 * so memory stays bounded whatever their size.
 *
 * <pre>{@code
 * try (InputStream rows = copyRows.open()) {        // each row ending with \n, as the splitter gives them
 *     copyManager.copyIn(statement.sql(), rows);
 * }
 * }</pre>
 *
 * <p>The rows are read again as they were the first time: from {@code offset}, {@code length} bytes, line endings
 * written as {@code \n}. If they are not what was read before (the file changed in between), the stream fails at its
 * end, before the server ends the COPY, so nothing of it is kept.
 *
 * @see SqlStatement#copyRows()
 */
public final class CopyRows {

    /** Opens the file the rows are in, from its first byte. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final String origin;
    private final Source source;
    private final int firstLine;
    private final int lines;
    private final long offset;
    private final long length;
    private final long crc;
    private final long normalizedLength;

    /**
     * @param firstLine        the file's line of the first row
     * @param lines            how many rows (lines) there are
     * @param offset           the byte offset of the first row in the file
     * @param length           the bytes of the rows in the file, up to the {@code \.} line
     * @param crc              CRC-32 of the rows with {@code \n} line endings
     * @param normalizedLength their length with {@code \n} line endings
     */
    public CopyRows(String origin, Source source, int firstLine, int lines, long offset, long length, long crc,
                    long normalizedLength) {
        this.origin = origin;
        this.source = source;
        this.firstLine = firstLine;
        this.lines = lines;
        this.offset = offset;
        this.length = length;
        this.crc = crc;
        this.normalizedLength = normalizedLength;
    }

    public String origin() {
        return origin;
    }

    /** The file's line of the first row. */
    public int firstLine() {
        return firstLine;
    }

    /** How many rows there are. */
    public int lines() {
        return lines;
    }

    /** CRC-32 of the rows as {@link #open()} gives them. */
    public long crc() {
        return crc;
    }

    /** The byte length of the rows as {@link #open()} gives them. */
    public long normalizedLength() {
        return normalizedLength;
    }

    /** Opens the whole file again (to read it in full when its rows cannot stay out of memory after all). */
    public InputStream openFile() throws IOException {
        return source.open();
    }

    /** The rows as UTF-8 bytes, each ending with {@code \n}; the caller closes the stream. */
    public InputStream open() throws IOException {
        InputStream in = source.open();
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new Rows(in);
    }

    /** The file's bytes from the first row, {@code \r\n} and {@code \r} as {@code \n}, checked at the end. */
    private final class Rows extends FilterInputStream {

        private final CRC32 check = new CRC32();
        private final byte[] raw = new byte[1 << 16];
        private long left = length;
        private long written;
        private boolean afterCarriageReturn;
        private boolean checked;

        Rows(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] out, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (left == 0) {
                    verify();
                    return -1;
                }
                int n = in.read(raw, 0, (int) Math.min(Math.min(len, raw.length), left));
                if (n < 0) {
                    throw changed("it ends before them");
                }
                left -= n;
                int w = off;
                for (int i = 0; i < n; i++) {
                    byte b = raw[i];
                    if (b == '\n' && afterCarriageReturn) {
                        afterCarriageReturn = false;
                        continue;
                    }
                    afterCarriageReturn = b == '\r';
                    out[w++] = b == '\r' ? (byte) '\n' : b;
                }
                if (w > off) {
                    check.update(out, off, w - off);
                    written += w - off;
                    return w - off;
                }
            }
        }

        private void verify() throws IOException {
            if (!checked) {
                checked = true;
                if (check.getValue() != crc || written != normalizedLength) {
                    throw changed("they differ");
                }
            }
        }

        private IOException changed(String how) {
            return new IOException("the COPY data rows of " + origin + " from line " + firstLine + " changed since the"
                    + " file was read (" + how + "); run the command again");
        }
    }
}
