package org.projectspark.media.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files in a folder (UPLOAD_DIR) outside any web root. With several instances the folder is one they all mount
 * (NFS or similar): the parts of a resumable upload begun on one instance are continued by another.
 */
public class LocalFileStorage implements FileStorage {

    /** The keys the server makes; anything else (a dot segment, a separator of another system) never reaches the disk. */
    private static final Pattern KEY = Pattern.compile("[a-z]+(/[A-Za-z0-9_-]+)+/?");

    private final Path root;
    private final Path work;

    public LocalFileStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.work = this.root.resolve("tmp");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("UPLOAD_DIR " + root + " cannot be created", e);
        }
    }

    Path pathOf(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.startsWith(work)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return p;
    }

    @Override
    public void put(String key, Path file, String mediaType) throws IOException {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // another folder's file system: copy beside the target, then rename into place, so no reader sees half a file
            Path beside = target.resolveSibling(target.getFileName() + "." + Thread.currentThread().getId() + ".part");
            Files.copy(file, beside, StandardCopyOption.REPLACE_EXISTING);
            Files.move(beside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(file);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(Files.size(pathOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(pathOf(key), StandardOpenOption.READ);
        try {
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Optional<URI> temporaryUrl(String key, Duration ttl, String mediaType, String downloadName) {
        return Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path dir = pathOf(prefix);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile by another instance
                }
            }
        }
    }

    @Override
    public Path workFolder() {
        return work;
    }
}
