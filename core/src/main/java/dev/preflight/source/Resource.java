package dev.preflight.source;

import dev.preflight.MigrationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One file found under a location, before any layout has looked at it. Layouts decide by {@link #path()} alone
 * which files are theirs, and only then read the ones they need, each once.
 *
 * @param path the path relative to the location, with '/' separators, e.g. {@code 2024-02-12-120203_x/up.sql}
 * @param origin what a user recognises: {@code db/migrations/001_init.sql} or {@code classpath:db/migrations/V1__init.sql}
 * @param container the directory or jar it was found in, to tell apart two classpath entries with the same origin
 * @param content reads the file's bytes
 * @param stamp what proves the file unchanged without reading it (see {@link ParsedMigrations}), or null when
 *              nothing does (its bytes are read every time)
 */
record Resource(String path, String origin, String container, Content content, Object stamp) {

    /** A file's stamp: an edit, or a file replaced by another, changes one of these. */
    record FileStamp(long size, long modifiedNanos, Object fileKey) {
    }

    /** A jar entry's stamp, from the jar's central directory (no need to inflate the entry). */
    record JarStamp(String jar, long size, long crc) {
    }

    Resource(String path, String origin, String container, Content content) {
        this(path, origin, container, content, null);
    }

    /**
     * Reads a file's bytes; for a jar entry, from the jar that the scan holds open (and after the scan from the jar
     * opened again: a large file's COPY rows are read when their statement runs).
     */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;

        default byte[] bytes() throws IOException {
            try (InputStream in = open()) {
                return in.readAllBytes();
            }
        }
    }

    /** The file's size as its stamp knows it, or -1. */
    long size() {
        if (stamp instanceof FileStamp file) {
            return file.size();
        }
        return stamp instanceof JarStamp jar ? jar.size() : -1;
    }

    /**
     * The file's text for a layout: {@link #read()}, except that a file larger than {@link LargeFileReader#LARGE}
     * is read with the rows of its {@code COPY ... FROM stdin} blocks left in the file (see {@link LargeFileReader}).
     */
    LargeFileReader.Text readText() {
        if (size() <= LargeFileReader.LARGE) {
            return new LargeFileReader.Text(read(), List.of());
        }
        try {
            return LargeFileReader.read(origin, content::open);
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + origin + ": " + e, e);
        }
    }

    /** The file name, e.g. {@code up.sql}. */
    String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The name of the folder the file is in, or null when it lies directly in the location. */
    String folderName() {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        String folder = path.substring(0, slash);
        return folder.substring(folder.lastIndexOf('/') + 1);
    }

    /** The origin of the folder the file is in (the location itself for a file at its top). */
    String folderOrigin() {
        return origin.substring(0, origin.length() - name().length() - 1);
    }

    /**
     * The file's text, decoded as UTF-8. A byte-order mark is dropped (editors on Windows write one); bytes that are
     * not UTF-8 are an error, because guessing an encoding would silently change the SQL that runs.
     */
    String read() {
        byte[] bytes;
        try {
            bytes = content.bytes();
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + origin + ": " + e, e);
        }
        return decode(origin, bytes);
    }

    /** {@code bytes} as UTF-8 text, without a byte-order mark; an error naming {@code origin} when not UTF-8. */
    static String decode(String origin, byte[] bytes) {
        // The common case decodes without a decoder of its own: a String built from valid UTF-8 has no U+FFFD
        // unless the file wrote one, and only then (or for invalid bytes) is the strict decoder needed.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            text = decodeStrictly(origin, ByteBuffer.wrap(bytes));
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** UTF-8 text, or an error naming {@code origin}: guessing an encoding would silently change the SQL that runs. */
    static String decodeStrictly(String origin, ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first byte it cannot read; its exception says no more than this message.
            String at = bytes.hasRemaining() ? String.format(" (at byte 0x%02X)", bytes.get(bytes.position()) & 0xff) : "";
            throw new MigrationException(origin + " is not valid UTF-8" + at
                    + ": save it as UTF-8 (migrations are read as UTF-8)");
        }
    }
}
