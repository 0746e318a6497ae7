package org.projectspark.media.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.media.domain.DisplayName;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.platform.error.RetryLaterException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Uploading a file in one request: check who uploads and the announced size, receive the bytes ({@link Intake}), put
 * them under their hash, record the file. No transaction is open while bytes travel.
 */
@ApplicationScoped
public class FileUploads {

    private static final Logger LOG = Logger.getLogger(FileUploads.class.getName());

    @EJB
    FileRecords records;

    @Inject
    Intake intake;

    @Inject
    FileStorage storage;

    /** The file made (or found again, {@code created} false, when the uploader sent the same content before). */
    public record Uploaded(StoredFile file, boolean created) {
    }

    /** {@code declaredLength}: the body's Content-Length, -1 when it is sent in chunks. */
    public Uploaded upload(UUID callerId, FilePurpose purpose, String name, InputStream body, long declaredLength) {
        FileRecords.Uploader uploader = records.uploader(callerId, purpose, Math.max(declaredLength, 0));
        Intake.Received received;
        try {
            received = intake.receive(body, purpose, declaredLength);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload's body could not be read", e);
        }
        return keep(uploader, purpose, name, received);
    }

    /** Puts received content under its hash and records the file; the work file is gone afterwards. */
    Uploaded keep(FileRecords.Uploader uploader, FilePurpose purpose, String name, Intake.Received received) {
        try {
            storage.put(received.hash().storageKey(), received.file(), received.mediaType());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The file store refused " + received.hash().storageKey(), e);
            throw new RetryLaterException("The file store could not be reached; nothing was kept. Send the file again in a moment", 10);
        } finally {
            try {
                Files.deleteIfExists(received.file());
            } catch (IOException ignored) {
                // a work file left behind is swept with the work folder
            }
        }
        FileRecords.Recorded recorded = records.record(uploader, purpose, DisplayName.of(name, "file"), received.hash(), received.mediaType(), received.size());
        return new Uploaded(recorded.file(), recorded.created());
    }
}
