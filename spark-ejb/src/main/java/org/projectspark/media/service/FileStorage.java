package org.projectspark.media.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where file contents are kept: a folder ({@link LocalFileStorage}) or an S3 bucket ({@link S3FileStorage}), chosen by
 * STORAGE_PROVIDER. Keys are the server's ({@code blobs/ab/cd/<sha256>}, {@code partial/<upload>/...}), never a client's.
 */
public interface FileStorage {

    /**
     * Keeps {@code file}'s bytes under {@code key}, taking the file (it may be moved). Content-addressed keys make a
     * second put of the same key a no-op.
     */
    void put(String key, Path file, String mediaType) throws IOException;

    boolean exists(String key) throws IOException;

    /** The size of what is kept under {@code key}; empty when nothing is. */
    Optional<Long> size(String key) throws IOException;

    /** {@code length} bytes from {@code offset} on. */
    InputStream read(String key, long offset, long length) throws IOException;

    /**
     * An address the reader fetches the bytes from directly for {@code ttl} (S3's pre-signed GET, which honours
     * Range), or empty where the server streams them itself.
     */
    Optional<URI> temporaryUrl(String key, Duration ttl, String mediaType, String downloadName);

    void delete(String key) throws IOException;

    /** Deletes every key under {@code prefix} (the parts of an upload). */
    void deleteAll(String prefix) throws IOException;

    /** A folder on this machine for bytes being received before they are put. */
    Path workFolder();
}
