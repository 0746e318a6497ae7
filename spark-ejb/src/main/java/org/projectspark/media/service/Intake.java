package org.projectspark.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.media.domain.ContentHash;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.FileRefusedException;
import org.projectspark.media.domain.FileTypes;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Receives a file's bytes into the storage's work folder, never holding more than a buffer in memory: counts them and
 * stops at the size limit (without reading on), hashes them while writing, checks the type from the first bytes (a
 * file of a refused type is refused after its first 64 KiB, not after all of it), then takes the metadata out of
 * images. What comes out is ready to be put under its hash.
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
        Path file = Files.createTempFile(storage.workFolder(), "in-", ".part");
        boolean kept = false;
        try {
            MessageDigest sha = sha256();
            byte[] prefix = new byte[ContentTypes.PREFIX];
            int prefixLength = 0;
            String detected = null;
            long size = 0;
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER), sha)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = body.read(buf)) >= 0) {
                    size += n;
                    if (size > limit) {
                        throw FileRefusedException.tooLarge(limit);
                    }
                    if (prefixLength < prefix.length) {
                        int copy = Math.min(n, prefix.length - prefixLength);
                        System.arraycopy(buf, 0, prefix, prefixLength, copy);
                        prefixLength += copy;
                        if (prefixLength == prefix.length) {
                            detected = checkedType(prefix, prefixLength, allowed);
                        }
                    }
                    out.write(buf, 0, n);
                }
            }
            if (size == 0) {
                throw FileRefusedException.empty();
            }
            if (detected == null) {
                detected = checkedType(prefix, prefixLength, allowed);
            }
            String type = ContentTypes.refine(detected, file);
            if (!allowed.allows(type)) {
                throw FileRefusedException.typeNotAllowed(type, allowed.describe());
            }
            Received received = ImageMetadata.handles(type) ? stripped(file, type) : new Received(file, size, type, ContentHash.of(sha.digest()));
            kept = true;
            return received;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String checkedType(byte[] prefix, int length, FileTypes allowed) {
        String type = ContentTypes.detect(prefix, length);
        if (!allowed.allows(type) && !ContentTypes.isContainer(type)) {
            throw FileRefusedException.typeNotAllowed(type, allowed.describe());
        }
        return type;
    }

    /** The image without its metadata, hashed as it is written: what is stored, and so what the hash names. */
    private Received stripped(Path original, String type) throws IOException {
        Path clean = Files.createTempFile(storage.workFolder(), "clean-", ".part");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = Files.newInputStream(original);
                 OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(clean), BUFFER), sha)) {
                ImageMetadata.strip(type, new java.io.BufferedInputStream(in, BUFFER), out);
            }
            Files.delete(original);
            return new Received(clean, Files.size(clean), type, ContentHash.of(sha.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(clean);
            throw e;
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
