package org.projectspark.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.media.domain.Upload;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * What an id a student sends back to the server names among the files the server issued to them: a file (from a
 * one-request upload, or a completed resumable one), or a resumable upload that has not delivered its file yet. Only
 * the student's own answers count: another user's file or upload, or lesson media, is not theirs to hand in, and is
 * answered as unknown. Runs in the caller's transaction.
 */
@ApplicationScoped
public class IssuedFiles {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    /** What an issued id names now. */
    public sealed interface Issued {
    }

    /** The file is here. */
    public record Ready(StoredFile file) implements Issued {
    }

    /** An upload still in progress: its file comes when its last byte arrives. */
    public record Uploading(UUID uploadId, long offset, long length, OffsetDateTime expiresAt) implements Issued {
    }

    /** An upload left alone past its expiry: its file will never come. */
    public record Expired(UUID uploadId, OffsetDateTime expiredAt) implements Issued {
    }

    /**
     * The student's file or upload with this id. An upload's row is locked (shared) until the caller's transaction
     * ends, so an upload completing meanwhile either is seen complete here or completes after the caller commits,
     * and then finds what the caller left waiting for it.
     */
    public Optional<Issued> answerOf(UUID studentId, UUID id) {
        StoredFile file = em.find(StoredFile.class, id);
        if (file != null) {
            return file.isOwnedBy(studentId) && !file.isPublic() ? Optional.of(new Ready(file)) : Optional.empty();
        }
        if (em.createNativeQuery("SELECT 1 FROM file_uploads WHERE id = ?1 AND owner_id = ?2 FOR SHARE")
                .setParameter(1, id).setParameter(2, studentId).getResultList().isEmpty()) {
            return Optional.empty();
        }
        Upload upload = em.find(Upload.class, id);
        em.refresh(upload); // as locked, not as an earlier read of this transaction saw it
        if (upload.purpose().isPublic()) {
            return Optional.empty();
        }
        if (upload.fileId().isPresent()) {
            return Optional.ofNullable(em.find(StoredFile.class, upload.fileId().get())).map(Ready::new);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (upload.isExpired(now)) {
            return Optional.of(new Expired(upload.id(), upload.expiresAt()));
        }
        return Optional.of(new Uploading(upload.id(), upload.offsetBytes(), upload.lengthBytes(), upload.expiresAt()));
    }
}
