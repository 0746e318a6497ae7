package org.projectspark.sync.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.error.RetryLaterException;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.AccessChecks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sync for a school with no network at all, by files on a USB stick. A teacher exports a class bundle (what each
 * student's devices need, signed by the server, with an import key); at the school the teacher's app collects the
 * devices' events and signs them with that key; back online the teacher imports the file. The import is refused
 * whole when its signature does not hold; otherwise each student's device upload is applied exactly as an API
 * upload (same ids, same exactly-once rule, a receipt each), so importing the same file twice changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncBundles {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @Inject
    BundleSigner signer;

    @EJB
    SyncUpload upload;

    @EJB
    SyncSessions sessions;

    /** The outcome of one student's device upload in an imported bundle. */
    public record UploadOutcome(UUID studentId, String deviceId, SyncUpload.Receipt receipt, String refused) {
    }

    public record ExportRecord(UUID bundleId, SchoolClass schoolClass, OffsetDateTime exportedAt, List<UUID> students) {
    }

    /** Records a new export of the class (the caller must teach it) and returns what goes in it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ExportRecord startExport(UUID callerId, UUID classId) {
        SchoolClass c = checks.classTaughtBy(callerId, classId, "Only the class's teachers and its school's admins export its bundle");
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO sync_bundles (id, class_id, exported_by) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, classId).setParameter(3, callerId).executeUpdate();
        OffsetDateTime at = SqlValues.instant(em.createNativeQuery("SELECT exported_at FROM sync_bundles WHERE id = ?1").setParameter(1, id).getSingleResult());
        List<?> students = em.createNativeQuery("SELECT CAST(student_id AS text) FROM class_enrolments WHERE class_id = ?1 ORDER BY student_id")
                .setParameter(1, classId).getResultList();
        return new ExportRecord(id, c, at, students.stream().map(s -> UUID.fromString((String) s)).toList());
    }

    /** An import bundle whose signature holds, from an export of the class: its payload may be read. */
    public record Verified(UUID bundleId, UUID classId, OffsetDateTime exportedAt, String payload) {
    }

    /**
     * One student's device upload as a bundle holds it, its events read; {@code problem} says why the upload itself
     * cannot be applied (it is refused with that reason once its student is known to be the class's).
     */
    public record DeviceUpload(String studentId, String deviceId, List<IncomingEvent> events, String problem) {
    }

    /** The export this bundle answers, and its payload once its signature holds; nothing is read from it before. */
    public Verified verify(UUID callerId, UUID classId, String compact) {
        checks.classTaughtBy(callerId, classId, "Only the class's teachers and its school's admins import its bundles");
        UUID bundleId = signer.bundleIdOf(compact);
        Export export = export(bundleId).filter(e -> e.classId().equals(classId.toString()))
                .orElseThrow(() -> new NotFoundException("no export " + bundleId + " of class " + classId
                        + "; import a bundle made from this class's export"));
        return new Verified(bundleId, classId, export.exportedAt(), signer.verifiedImport(compact, bundleId));
    }

    /** Applies each upload of a verified bundle as an API upload of its student's device, a receipt each. */
    public List<UploadOutcome> importUploads(UUID callerId, Verified bundle, List<DeviceUpload> uploads, long wireBytes) {
        checks.classTaughtBy(callerId, bundle.classId(), "Only the class's teachers and its school's admins import its bundles");
        Set<String> enrolled = ((List<?>) em.createNativeQuery("SELECT CAST(student_id AS text) FROM class_enrolments WHERE class_id = ?1")
                .setParameter(1, bundle.classId()).getResultList()).stream().map(String.class::cast).collect(Collectors.toSet());
        List<UploadOutcome> outcomes = new ArrayList<>();
        for (DeviceUpload u : uploads) {
            outcomes.add(importUpload(u, enrolled, bundle.exportedAt(), wireBytes / Math.max(1, uploads.size())));
        }
        sessions.bundleImported(bundle.bundleId());
        return outcomes;
    }

    private UploadOutcome importUpload(DeviceUpload u, Set<String> enrolled, OffsetDateTime exportedAt, long bytes) {
        if (u.studentId() == null || !enrolled.contains(u.studentId())) {
            return new UploadOutcome(null, u.deviceId(), null, "studentId " + u.studentId() + " is not a student of this class");
        }
        UUID student = UUID.fromString(u.studentId());
        if (u.problem() != null) {
            return new UploadOutcome(student, u.deviceId(), null, u.problem());
        }
        try {
            return new UploadOutcome(student, u.deviceId(),
                    upload.upload(student, u.deviceId(), u.events(), bytes, SyncSessions.Source.BUNDLE, exportedAt), null);
        } catch (RetryLaterException e) {
            return new UploadOutcome(student, u.deviceId(), null, e.getMessage());
        }
    }

    private record Export(String classId, OffsetDateTime exportedAt) {
    }

    private Optional<Export> export(UUID bundleId) {
        return em.createNativeQuery("SELECT CAST(class_id AS text), exported_at FROM sync_bundles WHERE id = ?1").setParameter(1, bundleId)
                .getResultStream().findFirst().map(row -> {
                    Object[] r = (Object[]) row;
                    return new Export((String) r[0], SqlValues.instant(r[1]));
                });
    }
}
