package org.projectspark.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.projectspark.account.domain.User;
import org.projectspark.gamification.domain.Streak;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.platform.persistence.LagTolerantReads;
import org.projectspark.platform.persistence.SqlValues;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builds a student's report from PostgreSQL. Callers check who may see the student first. */
@ApplicationScoped
public class StudentReports {

    static final int RECENT_SHOWN = 10;

    /** Courses with the student's progress or assigned to their classes, in locale ?2. */
    private static final String COURSES = "WITH mine AS ("
            + "   SELECT DISTINCT cu.course_id FROM student_progress sp JOIN activities a ON a.id = sp.activity_id"
            + "   JOIN lessons l ON l.id = a.lesson_id JOIN course_units cu ON cu.id = l.unit_id WHERE sp.student_id = ?1"
            + " UNION SELECT cc.course_id FROM class_enrolments e JOIN class_courses cc ON cc.class_id = e.class_id WHERE e.student_id = ?1),"
            + " activity AS (SELECT cu.course_id, a.id FROM course_units cu JOIN lessons l ON l.unit_id = cu.id"
            + "   JOIN activities a ON a.lesson_id = l.id WHERE a.type <> 'ASSIGNMENT' AND cu.course_id IN (SELECT course_id FROM mine))"
            + " SELECT c.id, COALESCE(c.title::jsonb ->> ?2, c.title::jsonb ->> c.default_locale),"
            + "  (SELECT count(*) FROM student_progress sp WHERE sp.student_id = ?1 AND sp.status = 'COMPLETED'"
            + "     AND sp.activity_id IN (SELECT x.id FROM activity x WHERE x.course_id = c.id)),"
            + "  (SELECT count(*) FROM activity x WHERE x.course_id = c.id),"
            + "  (SELECT round(avg(s.score), 2) FROM submissions s WHERE s.student_id = ?1"
            + "     AND s.activity_id IN (SELECT x.id FROM activity x WHERE x.course_id = c.id)),"
            + "  (SELECT min(cc.due_at) FROM class_enrolments e JOIN class_courses cc ON cc.class_id = e.class_id"
            + "     WHERE e.student_id = ?1 AND cc.course_id = c.id) AS due"
            + " FROM courses c WHERE c.id IN (SELECT course_id FROM mine) ORDER BY due NULLS LAST, 2, c.id";

    /** When the student last opened an activity, and their average score over their ?2 latest submissions. */
    private static final String RECENTLY = "SELECT (SELECT max(sp.last_accessed) FROM student_progress sp WHERE sp.student_id = ?1),"
            + " (SELECT round(avg(y.score), 2) FROM (SELECT x.score FROM submissions x WHERE x.student_id = ?1"
            + "   ORDER BY x.submitted_at DESC LIMIT ?2) y)";

    private static final String RECENT = "SELECT s.activity_id, COALESCE(a.title::jsonb ->> ?2, a.title::jsonb ->> co.default_locale),"
            + " s.attempt, s.score, s.submitted_at FROM submissions s JOIN activities a ON a.id = s.activity_id"
            + " JOIN lessons l ON l.id = a.lesson_id JOIN course_units cu ON cu.id = l.unit_id JOIN courses co ON co.id = cu.course_id"
            + " WHERE s.student_id = ?1 ORDER BY s.submitted_at DESC LIMIT " + RECENT_SHOWN;

    /** A report tolerates the replica's lag: the student's own progress, as they just made it, is their dashboard. */
    @Inject
    LagTolerantReads reads;

    @Inject
    AnalyticsSettings settings;

    /** @param locale the reader's language for course and activity titles */
    public StudentReport of(User student, String locale) {
        return reads.read(em -> of(em, student, locale));
    }

    private StudentReport of(EntityManager reads, User student, String locale) {
        UUID id = student.id();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<Streak> streak = Optional.ofNullable(reads.find(Streak.class, id));
        int current = streak.map(s -> s.currentAsOf(now.atZoneSameInstant(student.profile().zone()).toLocalDate())).orElse(0);
        Recently recently = SqlValues.rows(reads.createNativeQuery(RECENTLY).setParameter(1, id)
                .setParameter(2, settings.struggle().recentQuizzes()), Recently::of).get(0);
        return new StudentReport(id, student.profile().displayName(), student.username(), student.profile().xpPoints(),
                student.profile().level(), current, streak.map(Streak::longest).orElse(0), recently.lastActive(),
                settings.struggle().of(Optional.ofNullable(recently.averageScore()),
                        Optional.ofNullable(recently.lastActive()).map(OffsetDateTime::toInstant), now.toInstant()),
                courses(reads, id, locale), recent(reads, id, locale), badges(reads, id), now);
    }

    private List<StudentReport.CourseProgress> courses(EntityManager reads, UUID id, String locale) {
        return SqlValues.rows(reads.createNativeQuery(COURSES).setParameter(1, id).setParameter(2, locale),
                r -> new StudentReport.CourseProgress((UUID) r[0], (String) r[1], SqlValues.count(r[2]), SqlValues.count(r[3]), (BigDecimal) r[4],
                        SqlValues.instant(r[5])));
    }

    private List<StudentReport.RecentSubmission> recent(EntityManager reads, UUID id, String locale) {
        return SqlValues.rows(reads.createNativeQuery(RECENT).setParameter(1, id).setParameter(2, locale),
                r -> new StudentReport.RecentSubmission((UUID) r[0], (String) r[1], (int) SqlValues.count(r[2]), (BigDecimal) r[3],
                        SqlValues.instant(r[4])));
    }

    private List<StudentReport.Badge> badges(EntityManager reads, UUID id) {
        return reads.createNamedQuery(StudentBadge.OF_STUDENT, StudentBadge.class).setParameter("student", id).getResultList().stream()
                .map(b -> new StudentReport.Badge(b.badge().name(), b.earnedAt())).toList();
    }

    /** What {@link #RECENTLY} answers: both columns may be NULL, for a student who has not started. */
    private record Recently(OffsetDateTime lastActive, BigDecimal averageScore) {

        static Recently of(Object[] row) {
            return new Recently(SqlValues.instant(row[0]), (BigDecimal) row[1]);
        }
    }
}
