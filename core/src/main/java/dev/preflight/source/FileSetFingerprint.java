package dev.preflight.source;

import dev.preflight.Kind;
import dev.preflight.MigrationException;
import dev.preflight.Preflight;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A digest of everything a repository's migrations of one kind are made of, computed without parsing them: every
 * file's origin, size and CRC-32 of its bytes (a jar entry's CRC comes from the jar's central directory, so a jar is
 * not even inflated), every Java migration's identity and checksum, and the settings that decide how they are read.
 * Two equal fingerprints mean byte-identical migrations, read the same way: what the start-up's shortcut needs to
 * know that a file set checked once against the history is still the one on disk (see
 * {@link dev.preflight.db.VerifiedFiles}).
 *
 * <p>Two checksums of different polynomials (CRC-32 and CRC-32C) make a 64-bit digest, so the digest adds no weaker
 * link than the per-file CRC-32 it is made of. Both run once at the end, over everything collected, rather than in
 * several small updates per file.
 */
final class FileSetFingerprint {

    /** Raise when what a file's bytes mean to Preflight changes (parsing, checksums): old fingerprints then miss. */
    private static final String FORMAT = "preflight-files-2";

    /** Everything that goes into the digest, hashed once at the end. */
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream(1 << 16);

    private FileSetFingerprint() {
    }

    /**
     * @return the fingerprint, or empty when the files cannot be fingerprinted as they are (a location missing or
     *         unreadable, a file found twice, a broken Java migration): the full check then reports what is wrong
     */
    static Optional<String> of(List<String> locations, Kind kind, String repo, ClassLoader loader, boolean strict) {
        FileSetFingerprint fingerprint = new FileSetFingerprint();
        fingerprint.add(FORMAT).add(String.valueOf(Preflight.class.getPackage().getImplementationVersion()))
                .add(kind.code()).add(String.join(",", locations)).add(Boolean.toString(strict));
        Set<String> origins = new HashSet<>();
        try (ResourceScanner scanner = new ResourceScanner(loader, java.nio.file.Path.of(""))) {
            for (Location location : Location.parseAll(locations)) {
                for (Resource file : scanner.scan(location)) {
                    if (!origins.add(file.origin())) {
                        return Optional.empty();
                    }
                    fingerprint.add(file.origin()).add(file);
                }
            }
        } catch (MigrationException e) {
            return Optional.empty();
        }
        Problems problems = new Problems();
        for (Migration java : JavaMigrations.load(loader, repo, kind, problems)) {
            fingerprint.add(java.origin()).add(java.version().toString()).add(java.name())
                    .add(String.valueOf(java.checksum())).add(Boolean.toString(java.transactional()));
        }
        return problems.isEmpty() ? Optional.of(fingerprint.hex()) : Optional.empty();
    }

    private FileSetFingerprint add(String text) {
        collected.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        // A separator that no origin or name contains, so that ("ab", "c") and ("a", "bc") differ.
        collected.write(0);
        return this;
    }

    private FileSetFingerprint add(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            collected.write((int) (value >>> shift));
        }
        return this;
    }

    private FileSetFingerprint add(Resource file) {
        long size;
        long crc;
        if (file.stamp() instanceof Resource.JarStamp jar) {
            size = jar.size();
            crc = jar.crc();
        } else {
            // Streamed: a migration of hundreds of megabytes is not held in memory.
            CRC32 own = new CRC32();
            size = 0;
            try (InputStream in = file.content().open()) {
                byte[] chunk = new byte[1 << 16];
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    own.update(chunk, 0, n);
                    size += n;
                }
            } catch (IOException e) {
                throw new MigrationException("Cannot read " + file.origin() + ": " + e, e);
            }
            crc = own.getValue();
        }
        return add(size).add(crc);
    }

    private String hex() {
        byte[] all = collected.toByteArray();
        CRC32 crc32 = new CRC32();
        crc32.update(all);
        CRC32C crc32c = new CRC32C();
        crc32c.update(all);
        return Migration.hex8(crc32.getValue()) + Migration.hex8(crc32c.getValue());
    }
}
