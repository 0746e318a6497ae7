package org.projectspark.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.media.domain.ImageVariant;
import org.projectspark.media.domain.ImageWidth;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.media.domain.VariantFormat;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.RetryLaterException;
import org.projectspark.platform.error.SparkException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Images at the widths devices ask for, each made once and kept in the storage beside its content
 * ({@link ImageVariant#storageKey()}), on local storage and S3 alike. Requests for a width not made yet on this
 * instance wait for the one making it; instances making the same width at once each put a whole file under the same
 * key (an atomic rename, an S3 PUT), so a reader never sees half of one. Few are made at a time: decoding a photo
 * takes tens of megabytes.
 */
@ApplicationScoped
public class ImageWidths {

    private static final Logger LOG = Logger.getLogger(ImageWidths.class.getName());
    /** Images being resized at once on this instance; the others wait up to {@link #WAIT_SECONDS}. */
    private static final int AT_ONCE = 2;
    private static final int WAIT_SECONDS = 20;
    private static final int HEAD = 64 * 1024;

    @Inject
    FileStorage storage;

    private final Semaphore resizing = new Semaphore(AT_ONCE, true);
    private final ConcurrentHashMap<String, CompletableFuture<Long>> making = new ConcurrentHashMap<>();

    /** A kept variant and its size in bytes. */
    public record Kept(ImageVariant variant, long size) {
    }

    /** The format a device gets: WebP when it accepts it and this machine encodes it, else JPEG. */
    public VariantFormat formatFor(boolean acceptsWebp) {
        return acceptsWebp && ImageResizer.WEBP ? VariantFormat.WEBP : VariantFormat.JPEG;
    }

    /** {@code file} at {@code width} in {@code format}, made now if it was not kept yet. */
    public Kept at(StoredFile file, ImageWidth width, VariantFormat format) {
        if (!ImageVariant.madeOf(file.mediaType())) {
            throw new InvalidRequestException("Widths are made of JPEG and PNG images; this file is " + file.mediaType() + ": read it without w");
        }
        ImageVariant variant = new ImageVariant(file.hash(), width, format);
        try {
            var kept = storage.size(variant.storageKey());
            if (kept.isPresent()) {
                return new Kept(variant, kept.get());
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> running = making.putIfAbsent(variant.storageKey(), mine);
        if (running != null) {
            return new Kept(variant, awaitOther(running));
        }
        try {
            long size = make(file, variant);
            mine.complete(size);
            return new Kept(variant, size);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            making.remove(variant.storageKey(), mine);
        }
    }

    public InputStream open(Kept kept) {
        try {
            return storage.read(kept.variant().storageKey(), 0, kept.size());
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private long make(StoredFile file, ImageVariant variant) {
        boolean permitted = false;
        Path work = null;
        try {
            permitted = resizing.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
            if (!permitted) {
                throw new RetryLaterException("The server is busy resizing other images; ask again in a moment", 5);
            }
            int orientation = 0;
            if (file.mediaType().equals("image/jpeg")) {
                try (InputStream head = storage.read(file.storageKey(), 0, Math.min(HEAD, file.sizeBytes()))) {
                    orientation = ImageMetadata.orientationOfJpeg(head.readAllBytes());
                }
            }
            work = Files.createTempFile(storage.workFolder(), "width-", ".part");
            try (InputStream in = storage.read(file.storageKey(), 0, file.sizeBytes());
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(work))) {
                ImageResizer.resize(in, orientation, variant.width().pixels(), variant.format(), out);
            }
            long size = Files.size(work);
            storage.put(variant.storageKey(), work, variant.mediaType());
            LOG.fine(() -> "Made " + variant.storageKey() + " (" + size + " bytes) of " + file.sizeBytes() + " bytes");
            return size;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("The server is stopping; ask again in a moment", 5);
        } finally {
            if (permitted) {
                resizing.release();
            }
            deleteQuietly(work);
        }
    }

    private static long awaitOther(CompletableFuture<Long> running) {
        try {
            return running.get(WAIT_SECONDS * 2L, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SparkException refused) {
                throw refused;
            }
            throw new RetryLaterException("The image could not be resized just now; ask again in a moment", 5);
        } catch (TimeoutException e) {
            throw new RetryLaterException("The image is still being resized; ask again in a moment", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("The server is stopping; ask again in a moment", 5);
        }
    }

    private static RetryLaterException unreachable(IOException e) {
        LOG.log(Level.WARNING, "The file store failed while serving an image width", e);
        return new RetryLaterException("The file store could not be reached; try again in a moment", 10);
    }

    private static void deleteQuietly(Path work) {
        if (work != null) {
            try {
                Files.deleteIfExists(work);
            } catch (IOException ignored) {
                // a work file left behind is swept with the work folder
            }
        }
    }
}
