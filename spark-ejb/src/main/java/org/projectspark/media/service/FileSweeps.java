package org.projectspark.media.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.media.domain.Upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The database side of the file cleanup ({@link FileCleanup}), one short transaction per call: a file is deleted in a
 * transaction of its own, so one that fails stays for the next run and does not hold back the others.
 */
@Stateless
public class FileSweeps {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    FileStorage storage;

    @Inject
    Event<FileDeleted> deleted;

    /** Files created before {@code before} that nothing refers to ({@link FileReferences}), oldest first. */
    public List<UUID> unreferenced(OffsetDateTime before, int max) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery(FileReferences.UNREFERENCED)
                .setParameter(1, before.toString()).setParameter(2, max).getResultList();
        return ids.stream().map(UUID::fromString).toList();
    }

    /**
     * Deletes the file if nothing refers to it now, and its content (the bytes and the widths made of them) once no
     * other file names that content. A content that cannot be deleted from the storage keeps its file row (the
     * transaction rolls back), so the next run tries again.
     *
     * @return whether the file was deleted
     */
    public boolean delete(UUID fileId) {
        StoredFile file = em.find(StoredFile.class, fileId, LockModeType.PESSIMISTIC_WRITE);
        if (file == null || referenced(fileId)) {
            return false;
        }
        ContentLock.hold(em, file.hash());
        em.remove(file);
        em.flush();
        deleted.fire(new FileDeleted(fileId));
        long others = em.createNamedQuery(StoredFile.FILES_OF_CONTENT, Long.class).setParameter("hash", file.hash().hex()).getSingleResult();
        if (others == 0) {
            try {
                storage.deleteAll(file.hash().variantsPrefix());
                storage.delete(file.storageKey());
            } catch (IOException e) {
                throw new UncheckedIOException("the content of file " + fileId + " could not be deleted from the storage", e);
            }
        }
        return true;
    }

    private boolean referenced(UUID fileId) {
        return (Boolean) em.createNativeQuery(FileReferences.IS_REFERENCED).setParameter(1, fileId.toString()).getSingleResult();
    }

    /** Unfinished uploads past their expiry, at most {@code max}. */
    public List<Upload> expiredUploads(OffsetDateTime now, int max) {
        return em.createNamedQuery(Upload.EXPIRED, Upload.class).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** Forgets an upload (its parts' rows go with it); the caller deleted its parts first. */
    public void forget(UUID uploadId) {
        Upload upload = em.find(Upload.class, uploadId);
        if (upload != null) {
            em.remove(upload);
        }
    }

    /** Finished uploads whose record no client needs any more (tus clients ask for an upload's offset within its expiry). */
    public int forgetFinished(OffsetDateTime before) {
        return em.createNamedQuery(Upload.FORGET_FINISHED).setParameter("before", before).executeUpdate();
    }
}
