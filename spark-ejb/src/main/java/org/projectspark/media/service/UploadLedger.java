package org.projectspark.media.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.Upload;
import org.projectspark.media.domain.UploadPart;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.NotFoundException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The database side of resumable uploads: the offset each upload has reached and the parts that hold its bytes. The
 * offset moves by a conditional update (from the offset the appender saw), so two instances appending to one upload
 * at once cannot both win: the loser's part is not recorded and its client asks for the offset again.
 */
@Stateless
public class UploadLedger {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    FileRecords records;

    @Inject
    MediaSettings settings;

    /** A new upload of {@code length} bytes, if the uploader may upload that much for {@code purpose}. */
    public Upload create(UUID callerId, FilePurpose purpose, String displayName, long length) {
        records.uploader(callerId, purpose, length);
        Upload upload = new Upload(callerId, purpose, displayName, length, settings.uploadExpiry());
        em.persist(upload);
        return upload;
    }

    /** The caller's upload; anyone else's does not exist for them. */
    public Upload mine(UUID callerId, UUID uploadId) {
        Upload upload = em.find(Upload.class, uploadId);
        if (upload == null || !upload.ownerId().equals(callerId)) {
            throw new NotFoundException("No upload with id " + uploadId + " among yours");
        }
        return upload;
    }

    /**
     * Records {@code length} bytes appended at {@code from}, kept under {@code partKey}; the new offset. 409 when the
     * upload moved meanwhile.
     */
    public long advance(UUID uploadId, long from, long length, String partKey) {
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(settings.uploadExpiry());
        int moved = em.createNamedQuery(Upload.ADVANCE).setParameter("id", uploadId).setParameter("from", from)
                .setParameter("to", from + length).setParameter("expires", expires).executeUpdate();
        if (moved == 0) {
            throw new ConflictException("Another request appended to this upload meanwhile; ask for its offset with HEAD and send from there");
        }
        em.persist(new UploadPart(uploadId, from, length, partKey));
        return from + length;
    }

    public List<UploadPart> parts(UUID uploadId) {
        return em.createNamedQuery(Upload.PARTS, UploadPart.class).setParameter("upload", uploadId).getResultList();
    }

    public void completed(UUID uploadId, UUID fileId) {
        em.find(Upload.class, uploadId).completedAs(fileId);
    }

    /** Forgets the upload and its parts' rows (the caller deletes the parts themselves). */
    public void remove(UUID uploadId) {
        Upload upload = em.find(Upload.class, uploadId);
        if (upload != null) {
            em.remove(upload);
        }
    }
}
