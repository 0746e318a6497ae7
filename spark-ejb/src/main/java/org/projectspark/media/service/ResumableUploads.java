package org.projectspark.media.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.media.domain.DisplayName;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.FileRefusedException;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.media.domain.Upload;
import org.projectspark.media.domain.UploadPart;
import org.projectspark.platform.error.GoneException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.RetryLaterException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resumable uploads (the core of tus 1.0: creation, offset, append, expiry, termination). Every append is kept as a
 * part in the shared storage (the bucket, or the folder the instances share) and recorded with the offset it reaches,
 * so a connection that drops keeps what arrived, and the next request, on any instance, continues from there. The
 * last append assembles the parts and makes the file exactly as a one-request upload does (size, type, metadata,
 * hash, quota).
 */
@ApplicationScoped
public class ResumableUploads {

    private static final Logger LOG = Logger.getLogger(ResumableUploads.class.getName());

    @EJB
    UploadLedger ledger;

    @EJB
    FileRecords records;

    @Inject
    FileUploads uploads;

    @Inject
    Intake intake;

    @Inject
    FileStorage storage;

    @Inject
    MediaSettings settings;

    @Inject
    Event<UploadCompleted> completed;

    public Upload create(UUID callerId, FilePurpose purpose, String name, long length) {
        if (length <= 0) {
            throw new InvalidRequestException("Upload-Length must be a positive number of bytes");
        }
        return ledger.create(callerId, purpose, DisplayName.of(name, "file"), length);
    }

    /** The caller's live upload; an expired one is gone (and its parts deleted). */
    public Upload status(UUID callerId, UUID uploadId) {
        Upload upload = ledger.mine(callerId, uploadId);
        if (upload.isExpired(now())) {
            discard(upload);
            throw new GoneException("This upload expired at " + upload.expiresAt() + "; start a new one");
        }
        return upload;
    }

    /** What an append left: the offset now held, and the file once the upload is complete. */
    public record Appended(long offset, Optional<StoredFile> file) {
    }

    /**
     * Appends {@code body} at {@code offset}. Bytes that arrived before the connection dropped are kept (and the
     * failure passed on); bytes past the announced length are refused without being kept.
     */
    public Appended append(UUID callerId, UUID uploadId, long offset, InputStream body) {
        Upload upload = status(callerId, uploadId);
        if (upload.isComplete() && upload.fileId().isEmpty() && offset == upload.lengthBytes()) {
            // every byte arrived but the file was not made (the store failed at the end): make it now
            return new Appended(offset, Optional.of(finish(upload)));
        }
        upload.checkAppendAt(offset, now());
        Path work;
        try {
            work = Files.createTempFile(storage.workFolder(), "part-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long received = 0;
        IOException cut = null;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(work), 64 * 1024)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = body.read(buf)) >= 0) {
                    if (received + n > upload.remaining()) {
                        throw new InvalidRequestException("The body is longer than the " + upload.remaining()
                                + " bytes this upload still needs (Upload-Length " + upload.lengthBytes() + ")");
                    }
                    out.write(buf, 0, n);
                    received += n;
                }
            } catch (IOException e) {
                cut = e; // the client went away: keep what arrived
            }
            if (offset == 0 && received > 0) {
                refuseEarly(upload, work);
            }
            long held = received == 0 ? offset : keepPart(upload, offset, received, work);
            if (cut != null) {
                // nobody hears this answer; it keeps a dropped link, an everyday event here, out of the error log
                throw new InvalidRequestException("The connection dropped after " + received + " bytes; the server holds "
                        + held + " bytes of this upload: continue from there");
            }
            if (held < upload.lengthBytes()) {
                return new Appended(held, Optional.empty());
            }
            return new Appended(held, Optional.of(finish(upload)));
        } finally {
            try {
                Files.deleteIfExists(work);
            } catch (IOException ignored) {
                // swept with the work folder
            }
        }
    }

    /** A refused type is refused at the first bytes, not after the whole file has crossed a slow link. */
    private void refuseEarly(Upload upload, Path work) {
        byte[] prefix = new byte[ContentTypes.PREFIX];
        int n;
        try (InputStream in = Files.newInputStream(work)) {
            n = in.readNBytes(prefix, 0, prefix.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n < prefix.length && n < upload.lengthBytes()) {
            return; // too little to judge yet: the whole file is checked at the end anyway
        }
        String type = ContentTypes.detect(prefix, n);
        var allowed = settings.allowedTypes(upload.purpose());
        if (!allowed.allows(type) && !ContentTypes.isContainer(type)) {
            discard(upload);
            throw FileRefusedException.typeNotAllowed(type, allowed.describe());
        }
    }

    private long keepPart(Upload upload, long offset, long length, Path work) {
        String key = upload.partsPrefix() + offset + "-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            storage.put(key, work, "application/octet-stream");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The file store refused part " + key, e);
            throw new RetryLaterException("The file store could not be reached; send these bytes again in a moment", 10);
        }
        try {
            return ledger.advance(upload.id(), offset, length, key);
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
    }

    /** Assembles the parts into a file, checked as any upload is; the upload and its parts are gone either way. */
    private StoredFile finish(Upload upload) {
        List<UploadPart> parts = ledger.parts(upload.id());
        try (InputStream whole = new SequenceInputStream(new PartStreams(parts))) {
            FileRecords.Uploader uploader = records.uploader(upload.ownerId(), upload.purpose(), 0);
            Intake.Received received = intake.receive(whole, upload.purpose(), upload.lengthBytes());
            StoredFile file = uploads.keep(uploader, upload.purpose(), upload.displayName(), received).file();
            ledger.completed(upload.id(), file.id());
            deletePartsQuietly(upload);
            announce(new UploadCompleted(upload.id(), upload.ownerId(), file.id()));
            return file;
        } catch (FileRefusedException refused) {
            discard(upload);
            throw refused;
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "The parts of upload " + upload.id() + " could not be read", e);
            throw new RetryLaterException("The file store could not be reached; send the last bytes again in a moment", 10);
        }
    }

    /**
     * Tells who waits for the upload. The file is made and committed whatever they do with it: a failure there is
     * logged, and what waits is settled later by its own feature's sweep.
     */
    private void announce(UploadCompleted event) {
        try {
            completed.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "What waited for upload " + event.uploadId() + " was not settled now", e);
        }
    }

    /** Ends an upload (tus termination): its parts are deleted. */
    public void terminate(UUID callerId, UUID uploadId) {
        discard(ledger.mine(callerId, uploadId));
    }

    private void discard(Upload upload) {
        deletePartsQuietly(upload);
        ledger.remove(upload.id());
    }

    private void deletePartsQuietly(Upload upload) {
        try {
            storage.deleteAll(upload.partsPrefix());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The parts of upload " + upload.id() + " stay until the cleanup", e);
        }
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Part " + key + " stays until the cleanup", e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The parts' bytes in order, each opened when the one before is used up. */
    private final class PartStreams implements java.util.Enumeration<InputStream> {
        private final Iterator<UploadPart> parts;

        PartStreams(List<UploadPart> parts) {
            this.parts = parts.iterator();
        }

        @Override
        public boolean hasMoreElements() {
            return parts.hasNext();
        }

        @Override
        public InputStream nextElement() {
            UploadPart p = parts.next();
            try {
                return storage.read(p.partKey(), 0, p.lengthBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
