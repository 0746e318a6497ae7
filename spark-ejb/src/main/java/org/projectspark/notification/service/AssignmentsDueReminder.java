package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.maintenance.service.MaintenanceJob;
import org.projectspark.maintenance.service.ScheduledTask;
import org.projectspark.notification.domain.NotificationData;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.platform.persistence.SqlValues;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hourly: in each school whose day has ended, every student of a class with a course due during the school's
 * tomorrow is told, unless they have completed that course. Told once per class, course and due day (a run in the
 * next hour, on another instance or after a retry finds the notice there); a due date moved to another day is told
 * again. Each school's notices commit in a transaction of their own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AssignmentsDueReminder implements ScheduledTask {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    Inbox inbox;

    @Inject
    ReminderSettings settings;

    record Due(UUID schoolId, UUID studentId, UUID classId, String className, UUID courseId, String dueDay) {
    }

    @Override
    public MaintenanceJob job() {
        return MaintenanceJob.NOTIFY_ASSIGNMENTS_DUE;
    }

    @Override
    public String run(Instant at) {
        List<Due> due = SqlValues.rows(em.createNativeQuery("""
                SELECT CAST(s.id AS text), CAST(e.student_id AS text), CAST(a.class_id AS text), c.name, CAST(a.course_id AS text),
                       CAST(CAST(a.due_at AT TIME ZONE s.time_zone AS date) AS text)
                  FROM class_courses a
                  JOIN classes c ON c.id = a.class_id
                  JOIN schools s ON s.id = c.school_id
                  JOIN class_enrolments e ON e.class_id = a.class_id
                 WHERE a.due_at IS NOT NULL
                   AND CAST(CAST(?1 AS timestamptz) AT TIME ZONE s.time_zone AS time) >= CAST(?2 AS time)
                   AND CAST(a.due_at AT TIME ZONE s.time_zone AS date) = CAST(CAST(?1 AS timestamptz) AT TIME ZONE s.time_zone AS date) + 1
                   AND NOT EXISTS (SELECT 1 FROM student_badges b
                                    WHERE b.student_id = e.student_id AND b.badge = 'COURSE_COMPLETE' AND b.scope_id = a.course_id)
                 ORDER BY s.id""")
                .setParameter(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString())
                .setParameter(2, settings.schoolDayEnds().toString()), r -> new Due(UUID.fromString((String) r[0]),
                UUID.fromString((String) r[1]), UUID.fromString((String) r[2]), (String) r[3], UUID.fromString((String) r[4]), (String) r[5]));
        Map<UUID, Course> courses = new HashMap<>();
        int told = 0;
        for (List<Due> school : SchoolBatches.of(due, Due::schoolId)) {
            told += inbox.raise(school.stream().map(d -> Notice.of(d.studentId(), NotificationKind.ASSIGNMENT_DUE,
                    "assignment-due:" + d.classId() + "/" + d.courseId() + "/" + d.dueDay(),
                    NotificationData.of("classId", d.classId().toString(), "courseId", d.courseId().toString(), "dueOn", d.dueDay()),
                    courses.computeIfAbsent(d.courseId(), id -> em.find(Course.class, id)).title(), d.className(), d.dueDay())).toList()).size();
        }
        return due.size() + " due assignments found, " + told + " students told";
    }
}
