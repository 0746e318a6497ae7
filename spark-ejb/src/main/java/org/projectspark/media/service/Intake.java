package org.projectspark.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.media.domain.ContentHash;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.FileRefusedException;
import org.projectspark.media.domain.FileTypes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Receives a file's bytes into the storage's work folder in one pass, never holding more than a buffer in memory: counts
 * them and stops at the size limit (without reading on), checks the type from the first bytes (a file of a refused type
 * is refused after its first 64 KiB, not after all of it), takes the metadata out of images as they stream through, and
 * hashes what is written. What comes out is ready to be put under its hash.
 */
@ApplicationScoped
public class Intake {

    private static final int BUFFER = 64 * 1024;

    @Inject
    MediaSettings settings;

    @Inject
    FileStorage storage;

    /** A received file: the work file holding it (the caller puts or deletes it), its size, type and hash. */
    public record Received(Path file, long size, String mediaType, ContentHash hash) {
    }

    /**
     * Reads {@code body} to its end into a work file. {@code declaredLength} (-1 when unknown) is checked before anything
     * is read.
     */
    public Received receive(InputStream body, FilePurpose purpose, long declaredLength) throws IOException {
        long limit = settings.maxSize(purpose);
        if (declaredLength > limit) {
            throw FileRefusedException.tooLarge(limit);
        }
        FileTypes allowed = settings.allowedTypes(purpose);
        InputStream limited = new LimitedInputStream(body, limit);
        byte[] prefix = limited.readNBytes(ContentTypes.PREFIX);
        if (prefix.length == 0) {
            throw FileRefusedException.empty();
        }
        String detected = ContentTypes.detect(prefix, prefix.length);
        if (!allowed.allows(detected) && !ContentTypes.isContainer(detected)) {
            throw FileRefusedException.typeNotAllowed(detected, allowed.describe());
        }
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(prefix), limited);
        Path file = Files.createTempFile(storage.workFolder(), "in-", ".part");
        boolean kept = false;
        try {
            MessageDigest sha = sha256();
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER), sha)) {
                if (ImageMetadata.handles(detected)) {
                    // what is stored, and so what the hash names, is the image without its metadata
                    InputStream image = new BufferedInputStream(whole, BUFFER);
                    ImageMetadata.strip(detected, image, out);
                    // whatever follows the image is not kept, but the request is read to its end (and its size checked)
                    image.transferTo(OutputStream.nullOutputStream());
                } else {
                    copy(whole, out);
                }
            }
            String type = ContentTypes.refine(detected, file);
            if (!allowed.allows(type)) {
                throw FileRefusedException.typeNotAllowed(type, allowed.describe());
            }
            Received received = new Received(file, Files.size(file), type, ContentHash.of(sha.digest()));
            kept = true;
            return received;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
    }

    /** The body, refused (413) as soon as it passes the limit: nothing past the limit is read. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw FileRefusedException.tooLarge(limit);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
