package com.dinsight.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Immutable files named by the SHA-256 of their bytes, under {@code root/ab/abcdef...}. A write
 * goes to a temporary file, is synced, then renamed to its hash, so a crash never leaves a half
 * file under a real name, and the same bytes are stored once. Every read verifies the hash.
 */
public final class BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 1 << 16;

    private final Path root;

    public BlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A stored blob: its hash and size. */
    public record Blob(String sha256, long size) {
    }

    /** Stores the stream's bytes (reading it to the end) and answers their hash and size. */
    public Blob put(InputStream content) throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        Path temporary = Files.createTempFile(root.resolve("tmp"), "upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size;
            try (InputStream in = new DigestInputStream(content, digest);
                 FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                size = in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            Path target = path(hash);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return new Blob(hash, size);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public Blob put(byte[] content) throws IOException {
        return put(new java.io.ByteArrayInputStream(content));
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /**
     * Opens a blob for reading. The stream throws {@link CorruptBlobException} at its end if the
     * bytes read do not hash to {@code sha256}; read it to the end before trusting what it gave.
     */
    public InputStream open(String sha256) throws IOException {
        Path file = path(sha256);
        try {
            return new VerifyingStream(Files.newInputStream(file), sha256, file);
        } catch (NoSuchFileException e) {
            throw new MissingBlobException(sha256, root);
        }
    }

    /** Reads the blob to its end: throws if it is missing or its bytes do not hash to its name. */
    public void verify(String sha256) throws IOException {
        try (InputStream in = open(sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The whole blob, verified. */
    public byte[] read(String sha256) throws IOException {
        try (InputStream in = open(sha256)) {
            return in.readAllBytes();
        }
    }

    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 in hex: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A blob's bytes no longer hash to its name. */
    public static final class CorruptBlobException extends IOException {
        CorruptBlobException(String expected, String actual, Path file) {
            super("Blob " + file + " is corrupt: its bytes hash to " + actual + ", not " + expected);
        }
    }

    /** No blob with this hash in the store. */
    public static final class MissingBlobException extends IOException {
        MissingBlobException(String sha256, Path root) {
            super("No blob " + sha256 + " in " + root);
        }
    }

    private static final class VerifyingStream extends FilterInputStream {
        private final MessageDigest digest = sha256();
        private final String expected;
        private final Path file;
        private boolean verified;

        VerifyingStream(InputStream in, String expected, Path file) {
            super(new java.io.BufferedInputStream(in, BUFFER));
            this.expected = expected;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                verify();
            } else {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                verify();
            } else {
                digest.update(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, BUFFER)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        private void verify() throws IOException {
            if (!verified) {
                verified = true;
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(expected)) {
                    throw new CorruptBlobException(expected, actual, file);
                }
            }
        }
    }
}
