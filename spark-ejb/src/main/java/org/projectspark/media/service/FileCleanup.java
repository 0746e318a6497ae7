package org.projectspark.media.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.projectspark.maintenance.service.MaintenanceJob;
import org.projectspark.maintenance.service.ScheduledTask;
import org.projectspark.media.domain.Upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Daily: deletes what no one will read again. Unfinished resumable uploads past their expiry, with their parts; files
 * nothing refers to ({@link FileReferences}) once older than UNREFERENCED_FILE_GRACE, each with its content when no
 * other file names it; work files an interrupted upload left behind on this machine. Never a file something refers to:
 * the check is made again, under the file's lock, in the transaction that deletes it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FileCleanup implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(FileCleanup.class.getName());
    private static final int BATCH = 500;
    /** A work file is written within one request; one this old belongs to no request. */
    private static final Duration WORK_FILE_AGE = Duration.ofDays(1);

    @EJB
    FileSweeps sweeps;

    @Inject
    FileStorage storage;

    @Inject
    MediaSettings settings;

    @Override
    public MaintenanceJob job() {
        return MaintenanceJob.DELETE_UNREFERENCED_FILES;
    }

    @Override
    public String run(Instant at) {
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        int uploads = expiredUploads(now);
        int finished = sweeps.forgetFinished(now.minus(settings.unreferencedGrace()));
        int files = 0;
        int kept = 0;
        OffsetDateTime before = now.minus(settings.unreferencedGrace());
        List<UUID> batch;
        do {
            batch = sweeps.unreferenced(before, BATCH);
            int deleted = 0;
            for (UUID id : batch) {
                try {
                    if (sweeps.delete(id)) {
                        deleted++;
                    }
                } catch (RuntimeException e) {
                    kept++;
                    LOG.log(Level.WARNING, "File " + id + " stays until the next cleanup", e);
                }
            }
            files += deleted;
            // a batch none of which could go would come back the same: stop and let the next run try again
            if (deleted == 0) {
                break;
            }
        } while (batch.size() == BATCH);
        int work = workFiles(at);
        return files + " unreferenced files deleted" + (kept > 0 ? " (" + kept + " could not be, kept for the next run)" : "")
                + ", " + uploads + " expired uploads and " + finished + " finished upload records removed, " + work + " stale work files deleted";
    }

    private int expiredUploads(OffsetDateTime now) {
        int removed = 0;
        List<Upload> expired;
        do {
            expired = sweeps.expiredUploads(now, BATCH);
            int before = removed;
            for (Upload upload : expired) {
                try {
                    storage.deleteAll(upload.partsPrefix());
                    sweeps.forget(upload.id());
                    removed++;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Expired upload " + upload.id() + " stays until the next cleanup", e);
                }
            }
            if (removed == before) {
                break;
            }
        } while (expired.size() == BATCH);
        return removed;
    }

    private int workFiles(Instant at) {
        Instant old = at.minus(WORK_FILE_AGE);
        int deleted = 0;
        try (Stream<Path> all = Files.list(storage.workFolder())) {
            for (Path p : all.toList()) {
                try {
                    if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(old) && Files.deleteIfExists(p)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    LOG.fine(() -> "Work file " + p + " stays: " + e);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The work folder " + storage.workFolder() + " could not be listed", e);
        }
        return deleted;
    }
}
