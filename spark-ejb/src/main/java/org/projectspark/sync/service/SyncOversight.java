package org.projectspark.sync.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.school.service.AccessChecks;
import org.projectspark.sync.domain.SyncEvent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The teacher's side of offline sync: per student and device when it last synced and how far its events are held,
 * the events that wait for review (implausible, so they earned nothing) and the rejected ones with their reasons,
 * and the review itself. Only the class's teachers and its school's admins see a class; a reviewer must see the student.
 */
@Stateless
public class SyncOversight {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    AccessChecks checks;

    @Inject
    AcceptedLearning accepted;

    @Inject
    jakarta.enterprise.event.Event<StandingChanged> standingChanged;

    public record DeviceStatus(String deviceId, String label, OffsetDateTime registeredAt, OffsetDateTime lastSyncedAt,
                               long heldThroughSequence, String lastSyncStatus, long pendingReview, long rejected) {
    }

    public record StudentStatus(UUID studentId, String displayName, OffsetDateTime lastSyncedAt, long pendingReview,
                                long rejected, List<DeviceStatus> devices) {
    }

    public record Attention(UUID eventId, UUID studentId, String displayName, String deviceId, long sequence, String type,
                            OffsetDateTime deviceTime, OffsetDateTime receivedAt, String outcome, String reason,
                            String flags, String review, String payload) {

        static Attention of(Object[] row) {
            return new Attention(UUID.fromString((String) row[0]), UUID.fromString((String) row[1]), (String) row[2], (String) row[3],
                    ((Number) row[4]).longValue(), (String) row[5], SqlValues.instant(row[6]), SqlValues.instant(row[7]), (String) row[8],
                    (String) row[9], (String) row[10], (String) row[11], (String) row[12]);
        }
    }

    public enum Kind { PENDING, REJECTED, ALL }

    /** Each student of class ?1 with each of their devices (one row with no device for a student who has none), by name. */
    private static final String CLASS_DEVICES = "SELECT CAST(e.student_id AS text), p.display_name, d.device_id, d.label, d.registered_at,"
            + " d.last_synced_at, d.held_through, l.status,"
            + " (SELECT count(*) FROM sync_events x WHERE x.user_id = e.student_id AND x.device_id = d.device_id AND x.review = 'PENDING'),"
            + " (SELECT count(*) FROM sync_events x WHERE x.user_id = e.student_id AND x.device_id = d.device_id AND x.outcome = 'REJECTED')"
            + " FROM class_enrolments e JOIN profiles p ON p.user_id = e.student_id"
            + " LEFT JOIN sync_devices d ON d.user_id = e.student_id LEFT JOIN sync_logs l ON l.id = d.last_receipt_id"
            + " WHERE e.class_id = ?1 ORDER BY p.display_name, e.student_id, d.registered_at";

    public List<StudentStatus> classStatus(UUID callerId, UUID classId) {
        checks.classTaughtBy(callerId, classId, "Only the class's teachers and its school's admins see its sync status");
        List<StudentDevice> rows = SqlValues.rows(em.createNativeQuery(CLASS_DEVICES).setParameter(1, classId), StudentDevice::of);
        Map<UUID, List<DeviceStatus>> devices = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (StudentDevice row : rows) {
            names.put(row.studentId(), row.displayName());
            List<DeviceStatus> list = devices.computeIfAbsent(row.studentId(), s -> new ArrayList<>());
            row.device().ifPresent(list::add);
        }
        List<StudentStatus> students = new ArrayList<>();
        devices.forEach((student, list) -> students.add(new StudentStatus(student, names.get(student),
                list.stream().map(DeviceStatus::lastSyncedAt).filter(java.util.Objects::nonNull).max(OffsetDateTime::compareTo).orElse(null),
                list.stream().mapToLong(DeviceStatus::pendingReview).sum(), list.stream().mapToLong(DeviceStatus::rejected).sum(), list)));
        return students;
    }

    /** A row of {@link #CLASS_DEVICES}. */
    private record StudentDevice(UUID studentId, String displayName, Optional<DeviceStatus> device) {

        static StudentDevice of(Object[] row) {
            return new StudentDevice(UUID.fromString((String) row[0]), (String) row[1], Optional.ofNullable((String) row[2])
                    .map(deviceId -> new DeviceStatus(deviceId, (String) row[3], SqlValues.instant(row[4]), SqlValues.instant(row[5]),
                            ((Number) row[6]).longValue(), (String) row[7], ((Number) row[8]).longValue(), ((Number) row[9]).longValue())));
        }
    }

    /** The class's events that need a teacher: waiting for review, rejected, or both; newest first. */
    public List<Attention> attention(UUID callerId, UUID classId, Kind kind, int limit) {
        checks.classTaughtBy(callerId, classId, "Only the class's teachers and its school's admins see its students' events");
        String which = switch (kind) {
            case PENDING -> "x.review = 'PENDING'";
            case REJECTED -> "x.outcome = 'REJECTED'";
            case ALL -> "(x.review = 'PENDING' OR x.outcome = 'REJECTED')";
        };
        return SqlValues.rows(em.createNativeQuery("SELECT CAST(x.id AS text), CAST(x.user_id AS text), p.display_name, x.device_id,"
                        + " x.sequence, x.type, x.device_time, x.received_at, x.outcome, x.reason, x.flags, x.review, x.payload"
                        + " FROM class_enrolments e JOIN sync_events x ON x.user_id = e.student_id JOIN profiles p ON p.user_id = e.student_id"
                        + " WHERE e.class_id = ?1 AND " + which + " ORDER BY x.received_at DESC, x.sequence DESC LIMIT ?2")
                .setParameter(1, classId).setParameter(2, limit), Attention::of);
    }

    /** The review recorded, and the XP accepting it earned the student. */
    public record Reviewed(SyncEvent event, int xpEarned) {
    }

    /**
     * Records a teacher's decision on a flagged event. Its progress stands either way. Accepted, it earns what it
     * would have earned had it been plausible (once: accepting again earns nothing more); dismissed, nothing.
     */
    public Reviewed review(UUID callerId, UUID eventId, SyncEvent.Review decision) {
        SyncEvent event = Optional.ofNullable(em.find(SyncEvent.class, eventId))
                .orElseThrow(() -> new NotFoundException("No synced event " + eventId + " among your students' events"));
        try {
            checks.studentVisibleTo(callerId, event.userId());
        } catch (NotFoundException e) {
            throw new NotFoundException("No synced event " + eventId + " among your students' events");
        }
        if (event.review().isEmpty()) {
            throw new ConflictException("event " + eventId + " was not flagged; only flagged events are reviewed");
        }
        if (decision == SyncEvent.Review.PENDING) {
            throw new org.projectspark.platform.error.InvalidRequestException("decision must be ACCEPTED or DISMISSED");
        }
        boolean accepting = decision == SyncEvent.Review.ACCEPTED && event.review().filter(r -> r == SyncEvent.Review.ACCEPTED).isEmpty();
        event.review(decision, callerId, OffsetDateTime.now(ZoneOffset.UTC));
        int xp = accepting ? accepted.reward(event) : 0;
        if (xp > 0) {
            standingChanged.fire(new StandingChanged(event.userId()));
        }
        return new Reviewed(event, xp);
    }
}
