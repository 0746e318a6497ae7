package org.projectspark.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.persistence.SqlValues;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hand-ins as people read them: a class's for one assignment (its teachers), and a student's own with their grades and
 * feedback. Read from the primary database: a teacher's list right after grading shows that grade.
 */
@ApplicationScoped
public class HandIns {

    /** The class's students' hand-ins of assignment ?2, by student name, each student's newest first. */
    private static final String OF_CLASS = "SELECT " + HandInRecord.COLUMNS + " FROM class_enrolments e"
            + " JOIN assignment_handins h ON h.student_id = e.student_id AND h.activity_id = ?2" + HandInRecord.JOINS
            + " WHERE e.class_id = ?1 ORDER BY p.display_name, h.student_id, h.handed_in_at DESC, h.received_at DESC, h.id LIMIT ?3 OFFSET ?4";
    private static final String COUNT_OF_CLASS = "SELECT count(*) FROM class_enrolments e"
            + " JOIN assignment_handins h ON h.student_id = e.student_id AND h.activity_id = ?2 WHERE e.class_id = ?1";
    /** Student ?1's hand-ins (of assignment ?2 when given), newest first. */
    private static final String OF_STUDENT = "SELECT " + HandInRecord.COLUMNS + " FROM assignment_handins h" + HandInRecord.JOINS
            + " WHERE h.student_id = ?1 AND (CAST(?2 AS uuid) IS NULL OR h.activity_id = CAST(?2 AS uuid))"
            + " ORDER BY h.handed_in_at DESC, h.received_at DESC, h.id LIMIT ?3 OFFSET ?4";
    private static final String COUNT_OF_STUDENT = "SELECT count(*) FROM assignment_handins h"
            + " WHERE h.student_id = ?1 AND (CAST(?2 AS uuid) IS NULL OR h.activity_id = CAST(?2 AS uuid))";

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    Graders graders;

    /** A page of hand-ins, and how many there are in all. */
    public record Page(List<HandInRecord> items, long total) {
    }

    public Page ofClass(UUID callerId, UUID classId, UUID activityId, int offset, int limit) {
        graders.classAssignment(callerId, classId, activityId);
        List<HandInRecord> items = SqlValues.rows(em.createNativeQuery(OF_CLASS).setParameter(1, classId).setParameter(2, activityId)
                .setParameter(3, limit).setParameter(4, offset), HandInRecord::of);
        return new Page(items, SqlValues.count(em.createNativeQuery(COUNT_OF_CLASS).setParameter(1, classId).setParameter(2, activityId)
                .getSingleResult()));
    }

    /** The student's own hand-ins, of one assignment or all. */
    public Page mine(UUID studentId, Optional<UUID> activityId, int offset, int limit) {
        String activity = activityId.map(UUID::toString).orElse(null);
        List<HandInRecord> items = SqlValues.rows(em.createNativeQuery(OF_STUDENT).setParameter(1, studentId).setParameter(2, activity)
                .setParameter(3, limit).setParameter(4, offset), HandInRecord::of);
        return new Page(items, SqlValues.count(em.createNativeQuery(COUNT_OF_STUDENT).setParameter(1, studentId).setParameter(2, activity)
                .getSingleResult()));
    }

    /** One of the student's own hand-ins; someone else's is as unknown as a missing one. */
    public HandInRecord mine(UUID studentId, UUID handInId) {
        NotFoundException missing = new NotFoundException("No hand-in with id " + handInId + " of yours");
        UUID activityId = Optional.ofNullable(em.find(org.projectspark.progress.domain.Handin.class, handInId))
                .filter(h -> h.studentId().equals(studentId)).orElseThrow(() -> missing).activityId();
        // read with the rest of the assignment's hand-ins, so whether it is the newest is answered
        return mine(studentId, Optional.of(activityId), 0, Integer.MAX_VALUE).items().stream()
                .filter(h -> h.handInId().equals(handInId)).findFirst().orElseThrow(() -> missing);
    }
}
