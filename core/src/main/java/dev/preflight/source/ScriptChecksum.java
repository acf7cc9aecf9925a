package dev.preflight.source;

import dev.preflight.sql.CopyRows;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The checksum of a script whose COPY rows were left in the file ({@link LargeFileReader}): the same value as
 * {@link Migration#checksumOf(String)} of its whole text, computed from the CRC-32 of the text around the rows and of
 * each block of rows (taken when the file was read), joined as CRC-32 allows without the bytes themselves. So a file
 * applied by a release that read it whole does not count as changed.
 *
 * <pre>{@code
 * ScriptChecksum.of(script);   // == Migration.checksumOf(the script's whole text)
 * }</pre>
 */
final class ScriptChecksum {

    /** The CRC-32 polynomial, reversed. */
    private static final long POLYNOMIAL = 0xEDB88320L;

    private ScriptChecksum() {
    }

    static String of(Script script) {
        List<CopyRows> rows = script.ownCopyRows().stream().sorted(Comparator.comparingInt(CopyRows::firstLine))
                .toList();
        if (rows.isEmpty()) {
            return Migration.checksumOf(script.sql());
        }
        String sql = script.sql();
        long crc = 0;
        int from = 0;
        int line = script.firstLine();
        int lineStart = 0;
        for (CopyRows block : rows) {
            while (line < block.firstLine()) {
                lineStart = afterBreak(sql, lineStart);
                line++;
            }
            crc = append(crc, sql.substring(from, lineStart));
            crc = combine(crc, block.crc(), block.normalizedLength());
            // In the script each row is one "\n".
            from = lineStart + block.lines();
            lineStart = from;
            line += block.lines();
        }
        crc = append(crc, sql.substring(from));
        return Migration.hex8(crc);
    }

    /** The CRC of what {@code crc} covered followed by {@code text}, line endings normalised as checksums do. */
    private static long append(long crc, String text) {
        String normalized = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        byte[] bytes = normalized.getBytes(StandardCharsets.UTF_8);
        CRC32 own = new CRC32();
        own.update(bytes);
        return combine(crc, own.getValue(), bytes.length);
    }

    private static int afterBreak(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i + 1 < text.length() && text.charAt(i) == '\r' && text.charAt(i + 1) == '\n' ? i + 2
                : Math.min(i + 1, text.length());
    }

    /**
     * The CRC-32 of A followed by B from the CRC-32 of A, that of B, and B's length: A's CRC run through
     * {@code length} zero bytes (the linear map "one zero bit", squared up to the bytes needed) and added to B's.
     */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] odd = new long[32];
        long[] even = new long[32];
        odd[0] = POLYNOMIAL;
        long bit = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = bit;
            bit <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crcA;
        long length = lengthB;
        do {
            square(even, odd); // first time: one zero byte
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        } while (length != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
