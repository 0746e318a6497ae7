package org.projectspark.sync.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.error.RetryLaterException;
import org.projectspark.platform.error.TooLargeException;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.school.domain.SchoolClass;
import org.projectspark.school.service.AccessChecks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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

    @Inject
    SyncSettings settings;

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

    public List<UploadOutcome> importBundle(UUID callerId, UUID classId, String compact, long wireBytes) {
        checks.classTaughtBy(callerId, classId, "Only the class's teachers and its school's admins import its bundles");
        UUID bundleId = signer.bundleIdOf(compact);
        List<?> export = em.createNativeQuery("SELECT CAST(class_id AS text), exported_at FROM sync_bundles WHERE id = ?1")
                .setParameter(1, bundleId).getResultList();
        if (export.isEmpty() || !classId.toString().equals(((Object[]) export.get(0))[0])) {
            throw new NotFoundException("no export " + bundleId + " of class " + classId + "; import a bundle made from this class's export");
        }
        OffsetDateTime exportedAt = SqlValues.instant(((Object[]) export.get(0))[1]);
        JsonObject payload = parse(signer.verifiedImport(compact, bundleId));
        if (!bundleId.toString().equals(string(payload, "bundleId")) || !classId.toString().equals(string(payload, "classId"))) {
            throw new InvalidRequestException("the bundle's bundleId and classId must be those of the export it answers");
        }
        if (!(payload.get("uploads") instanceof JsonArray uploads)) {
            throw new InvalidRequestException("uploads must be an array of {studentId, deviceId, events}");
        }
        Set<String> enrolled = ((List<?>) em.createNativeQuery("SELECT CAST(student_id AS text) FROM class_enrolments WHERE class_id = ?1")
                .setParameter(1, classId).getResultList()).stream().map(String.class::cast).collect(Collectors.toSet());
        int total = uploads.stream().filter(u -> u instanceof JsonObject o && o.get("events") instanceof JsonArray)
                .mapToInt(u -> u.asJsonObject().getJsonArray("events").size()).sum();
        if (total > settings.maxEvents() * 20) {
            throw new TooLargeException("a bundle holds at most " + settings.maxEvents() * 20 + " events; this one has " + total);
        }
        List<UploadOutcome> outcomes = new ArrayList<>();
        for (JsonValue value : uploads) {
            outcomes.add(importUpload(value, enrolled, exportedAt, wireBytes / Math.max(1, uploads.size())));
        }
        sessions.bundleImported(bundleId);
        return outcomes;
    }

    private UploadOutcome importUpload(JsonValue value, Set<String> enrolled, OffsetDateTime exportedAt, long bytes) {
        JsonObject u = value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        String student = string(u, "studentId");
        String device = string(u, "deviceId");
        if (student == null || !enrolled.contains(student)) {
            return new UploadOutcome(null, device, null, "studentId " + student + " is not a student of this class");
        }
        if (device == null || !SyncEventReader.DEVICE_ID.matcher(device).matches() || !(u.get("events") instanceof JsonArray events)) {
            return new UploadOutcome(UUID.fromString(student), device, null, "each upload needs deviceId (1 to 64 letters, digits or . _ : -) and events");
        }
        if (events.size() > settings.maxEvents()) {
            return new UploadOutcome(UUID.fromString(student), device, null, "an upload holds at most " + settings.maxEvents() + " events");
        }
        List<IncomingEvent> incoming = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            incoming.add(SyncEventReader.read(i, events.get(i), device));
        }
        try {
            return new UploadOutcome(UUID.fromString(student), device,
                    upload.upload(UUID.fromString(student), device, incoming, bytes, SyncSessions.Source.BUNDLE, exportedAt), null);
        } catch (RetryLaterException e) {
            return new UploadOutcome(UUID.fromString(student), device, null, e.getMessage());
        }
    }

    private static JsonObject parse(String json) {
        try {
            return EventApplier.parse(json);
        } catch (JsonParsingException | ClassCastException e) {
            throw new InvalidRequestException("the bundle's payload is not a JSON object: " + e.getMessage());
        }
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
