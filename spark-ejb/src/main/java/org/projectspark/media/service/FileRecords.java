package org.projectspark.media.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.service.AccountService;
import org.projectspark.media.domain.ContentHash;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.FileRefusedException;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.RetryLaterException;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * The database side of files: who may upload what, the quotas, and the rows. Short transactions only: the bytes are
 * received and stored outside them ({@link FileUploads}).
 */
@Stateless
public class FileRecords {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccountService accounts;

    @Inject
    MediaSettings settings;

    @Inject
    FileStorage storage;

    /** Who uploads: their school, whose quota the file counts against. */
    public record Uploader(UUID userId, UUID schoolId) {
    }

    /**
     * May {@code callerId} upload a file for {@code purpose} of {@code announcedSize} bytes (0: not announced)? Lesson
     * media is for teachers and admins (403); an announced size is checked against the limit and the quotas before a
     * byte is read.
     */
    public Uploader uploader(UUID callerId, FilePurpose purpose, long announcedSize) {
        User user = accounts.find(callerId);
        if (purpose == FilePurpose.LESSON_MEDIA && !(user.hasRole(Role.TEACHER) || user.hasRole(Role.SCHOOL_ADMIN) || user.hasRole(Role.ADMIN))) {
            throw new AccessDeniedException("Only teachers and admins upload lesson media; upload answers as ASSIGNMENT");
        }
        if (announcedSize > settings.maxSize(purpose)) {
            throw FileRefusedException.tooLarge(settings.maxSize(purpose));
        }
        Uploader uploader = new Uploader(callerId, user.profile().schoolId().orElse(null));
        if (announcedSize > 0) {
            checkQuotas(uploader, purpose, announcedSize);
        }
        return uploader;
    }

    /**
     * The file for content received and stored: the uploader's own file of the same content and purpose when there is
     * one (a retried upload is not a second file, nor counted twice), else a new one, if the quotas allow it.
     *
     * @return the file, and whether it is new
     */
    public Recorded record(Uploader uploader, FilePurpose purpose, String displayName, ContentHash hash, String mediaType, long size) {
        // one upload of this user at a time gets past here, so two parallel uploads cannot both take the last space
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('spark:files'), hashtext(?1))) lock")
                .setParameter(1, uploader.userId().toString()).getSingleResult();
        Optional<StoredFile> same = em.createNamedQuery(StoredFile.SAME_CONTENT, StoredFile.class)
                .setParameter("owner", uploader.userId()).setParameter("hash", hash.hex()).setParameter("purpose", purpose)
                .setMaxResults(1).getResultStream().findFirst();
        if (same.isPresent()) {
            return new Recorded(same.get(), false);
        }
        checkQuotas(uploader, purpose, size);
        ContentLock.hold(em, hash);
        if (!contentKept(hash)) {
            // the cleanup deleted this content between our store and now (no file named it): the bytes must come again
            throw new RetryLaterException("The file could not be kept just now; send it again", 1);
        }
        StoredFile file = new StoredFile(uploader.userId(), uploader.schoolId(), purpose, hash, displayName, mediaType, size);
        em.persist(file);
        return new Recorded(file, true);
    }

    public record Recorded(StoredFile file, boolean created) {
    }

    private boolean contentKept(ContentHash hash) {
        try {
            return storage.exists(hash.storageKey());
        } catch (IOException e) {
            throw new RetryLaterException("The file store could not be reached; send the file again in a moment", 10);
        }
    }

    private void checkQuotas(Uploader uploader, FilePurpose purpose, long size) {
        if (purpose == FilePurpose.ASSIGNMENT && settings.studentQuota() > 0) {
            long used = em.createNamedQuery(StoredFile.BYTES_OF_OWNER, Number.class)
                    .setParameter("owner", uploader.userId()).setParameter("purpose", FilePurpose.ASSIGNMENT).getSingleResult().longValue();
            if (used + size > settings.studentQuota()) {
                throw FileRefusedException.quotaFull("You", used, settings.studentQuota(), size);
            }
        }
        if (uploader.schoolId() != null && settings.schoolQuota() > 0) {
            long used = em.createNamedQuery(StoredFile.BYTES_OF_SCHOOL, Number.class)
                    .setParameter("school", uploader.schoolId()).getSingleResult().longValue();
            if (used + size > settings.schoolQuota()) {
                throw FileRefusedException.quotaFull("Your school", used, settings.schoolQuota(), size);
            }
        }
    }
}
