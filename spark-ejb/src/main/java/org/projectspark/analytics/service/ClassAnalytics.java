package org.projectspark.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.analytics.domain.Struggle;
import org.projectspark.platform.persistence.LagTolerantReads;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.school.service.RememberedAccess;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.NotFoundException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.projectspark.platform.persistence.SqlValues.count;

/**
 * A class's analytics from PostgreSQL: the nightly summary (class_performance_summary) and the live
 * per-student figures. Callers check who may see the class first; the web layer caches the answer.
 */
@ApplicationScoped
public class ClassAnalytics {

    static final int DAYS_SHOWN = 30;
    static final int HARDEST_SHOWN = 10;
    /** A question needs this many answers before its correct rate says anything. */
    static final int MIN_ANSWERS = 3;

    /** Non-assignment activities of the courses assigned to class ?1. */
    static final String ASSIGNED_ACTIVITIES = "SELECT a.id FROM class_courses cc JOIN course_units cu ON cu.course_id = cc.course_id"
            + " JOIN lessons l ON l.unit_id = cu.id JOIN activities a ON a.lesson_id = l.id WHERE cc.class_id = ?1 AND a.type <> 'ASSIGNMENT'";

    /** Each student of class ?1 with their progress (once over student_progress) and scores (?2 latest for "recent"). */
    private static final String STUDENTS = "WITH assigned AS MATERIALIZED (" + ASSIGNED_ACTIVITIES + "),"
            + " members AS (SELECT e.student_id FROM class_enrolments e WHERE e.class_id = ?1),"
            + " progress AS (SELECT sp.student_id, count(*) FILTER (WHERE sp.status = 'COMPLETED') AS completed,"
            + "   count(*) FILTER (WHERE sp.status = 'COMPLETED' AND sp.activity_id IN (SELECT id FROM assigned)) AS assigned_completed,"
            + "   max(sp.last_accessed) AS last_active"
            + "   FROM student_progress sp WHERE sp.student_id IN (SELECT student_id FROM members) GROUP BY sp.student_id)"
            + " SELECT u.id, p.display_name, u.username, p.xp_points, p.level, COALESCE(pr.completed, 0), COALESCE(pr.assigned_completed, 0),"
            + "  (SELECT count(*) FROM assigned), s.avg_score, r.recent, s.n, pr.last_active"
            + " FROM members m JOIN users u ON u.id = m.student_id JOIN profiles p ON p.user_id = u.id"
            + " LEFT JOIN progress pr ON pr.student_id = u.id"
            + " LEFT JOIN LATERAL (SELECT round(avg(x.score), 2) AS avg_score, count(*) AS n FROM submissions x WHERE x.student_id = u.id) s ON true"
            + " LEFT JOIN LATERAL (SELECT round(avg(y.score), 2) AS recent FROM (SELECT x.score FROM submissions x WHERE x.student_id = u.id"
            + "    ORDER BY x.submitted_at DESC LIMIT ?2) y) r ON true"
            + " ORDER BY lower(p.display_name), u.id";

    /**
     * The questions of the class's submissions since ?2 with the lowest correct rate, counted first from the
     * graded feedback alone (the texts, in locale ?3 else the course's language, are looked up for those only).
     */
    private static final String HARDEST = "WITH answered AS ("
            + "   SELECT (f ->> 'questionId')::uuid AS question_id, count(*) AS answers,"
            + "          count(*) FILTER (WHERE (f ->> 'correct')::boolean) AS correct"
            + "   FROM class_enrolments e JOIN submissions s ON s.student_id = e.student_id AND s.submitted_at >= ?2"
            + "   CROSS JOIN LATERAL jsonb_array_elements(s.feedback::jsonb) f"
            + "   WHERE e.class_id = ?1 GROUP BY 1 HAVING count(*) >= " + MIN_ANSWERS + "),"
            + " hardest AS (SELECT question_id, answers, round(100.0 * correct / answers, 2) AS rate FROM answered"
            + "   ORDER BY rate, answers DESC, question_id LIMIT " + HARDEST_SHOWN + ")"
            + " SELECT h.question_id, a.id, COALESCE(a.title::jsonb ->> ?3, a.title::jsonb ->> co.default_locale),"
            + "  COALESCE(q.prompt::jsonb ->> ?3, q.prompt::jsonb ->> co.default_locale), h.answers, h.rate"
            + " FROM hardest h JOIN questions q ON q.id = h.question_id JOIN activities a ON a.id = q.activity_id"
            + " JOIN lessons l ON l.id = a.lesson_id JOIN course_units cu ON cu.id = l.unit_id JOIN courses co ON co.id = cu.course_id"
            + " ORDER BY h.rate, h.answers DESC, h.question_id";

    /** Submissions, completions and distinct active students per day in time zone ?3, from day ?2 on. */
    private static final String DAYS = "WITH learning AS ("
            + "   SELECT s.student_id, (s.submitted_at AT TIME ZONE ?3)::date AS day, 1 AS submitted, 0 AS completed"
            + "   FROM class_enrolments e JOIN submissions s ON s.student_id = e.student_id"
            + "   WHERE e.class_id = ?1 AND s.submitted_at >= ?2"
            + " UNION ALL"
            + "   SELECT p.student_id, (p.completed_at AT TIME ZONE ?3)::date, 0, 1"
            + "   FROM class_enrolments e JOIN student_progress p ON p.student_id = e.student_id"
            + "   WHERE e.class_id = ?1 AND p.status = 'COMPLETED' AND p.completed_at >= ?2)"
            + " SELECT day, sum(submitted), sum(completed), count(DISTINCT student_id) FROM learning GROUP BY day";

    /**
     * Who may read a class's analytics, as {@link org.projectspark.school.service.SchoolAccess#teaches} says it
     * (an admin, the admin of the class's school, a teacher who teaches it), in one query: the check runs on
     * every request, cached answers included.
     */
    private static final String READABLE = "SELECT c.name, c.school_id,"
            + " EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = ?2 AND r.role = 'ADMIN')"
            + " OR EXISTS (SELECT 1 FROM user_roles r JOIN profiles p ON p.user_id = r.user_id"
            + "     WHERE r.user_id = ?2 AND r.role = 'SCHOOL_ADMIN' AND p.school_id = c.school_id)"
            + " OR (EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = ?2 AND r.role = 'TEACHER')"
            + "     AND EXISTS (SELECT 1 FROM class_teachers t WHERE t.class_id = c.id AND t.teacher_id = ?2)),"
            + " (SELECT p.locale FROM profiles p WHERE p.user_id = ?2),"
            + " (SELECT s.time_zone FROM schools s WHERE s.id = c.school_id)"
            + " FROM classes c WHERE c.id = ?1";

    /** Who may read a class is an access decision: the primary's answer. */
    @PersistenceContext(unitName = "spark")
    EntityManager em;

    /** The figures tolerate the replica's lag (a dashboard is polled, and cached for minutes anyway). */
    @Inject
    LagTolerantReads reads;

    @Inject
    AnalyticsSettings settings;

    @Inject
    RememberedAccess access;

    /** A class its reader may see, and the language they read in. */
    public record ClassSeen(UUID id, String name, UUID schoolId, String locale, ZoneId schoolZone) {

        /** What an answer built from it depends on: the class and the reader's language (the same for all who see it so). */
        public String key() {
            return id + ":" + locale;
        }
    }

    /** The class, if the caller teaches it or manages its school: 404 when missing, 403 when not theirs. */
    public ClassSeen readableBy(UUID callerId, UUID classId) {
        // remembered per reader: a hundred teachers polling a dashboard cost the database nothing
        return access.answer(callerId, new RememberedAccess.Question("class analytics", classId), () -> checkReadable(callerId, classId));
    }

    private ClassSeen checkReadable(UUID callerId, UUID classId) {
        ReaderOfClass reader = SqlValues.rows(em.createNativeQuery(READABLE).setParameter(1, classId).setParameter(2, callerId), ReaderOfClass::of)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("No class with id " + classId));
        if (!reader.allowed()) {
            throw new AccessDeniedException("Only the class's teachers and the school's admins see its analytics");
        }
        return new ClassSeen(classId, reader.className(), reader.schoolId(), reader.locale(), reader.schoolZone());
    }

    /**
     * What {@link #READABLE} answers: the class, whether the caller may read it, in which language (English without a
     * profile), and its school's zone (from the primary with the class: the figures may come from a replica that lags).
     */
    private record ReaderOfClass(String className, UUID schoolId, boolean allowed, String locale, ZoneId schoolZone) {

        static ReaderOfClass of(Object[] row) {
            return new ReaderOfClass((String) row[0], (UUID) row[1], Boolean.TRUE.equals(row[2]), row[3] == null ? "en" : (String) row[3],
                    ZoneId.of((String) row[4]));
        }
    }

    public ClassDashboard dashboard(ClassSeen c) {
        return reads.read(em -> dashboard(em, c));
    }

    private ClassDashboard dashboard(EntityManager reads, ClassSeen c) {
        String locale = c.locale();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<ClassDashboard.StudentRow> students = students(reads, c.id());
        Struggle rule = settings.struggle();
        List<ClassDashboard.Struggling> struggling = students.stream()
                .map(s -> new ClassDashboard.Struggling(s.id(), s.displayName(), rule.of(Optional.ofNullable(s.recentAverageScore()),
                        Optional.ofNullable(s.lastActiveAt()).map(OffsetDateTime::toInstant), now.toInstant())))
                .filter(s -> !s.reasons().isEmpty()).toList();
        return new ClassDashboard(c.id(), c.name(), summary(reads, c.id()), students, struggling, hardest(reads, c.id(), now, locale),
                days(reads, c.id(), c.schoolZone(), now), now);
    }

    /** The nightly figures; all nought before the class's first night. */
    public ClassDashboard.Summary summary(UUID classId) {
        return reads.read(em -> summary(em, classId));
    }

    private ClassDashboard.Summary summary(EntityManager reads, UUID classId) {
        return SqlValues.rows(reads.createNativeQuery("SELECT students, active_last_7_days, average_score, completion_rate, xp_this_week,"
                        + " lessons_completed, refreshed_at FROM class_performance_summary WHERE class_id = ?1").setParameter(1, classId),
                r -> new ClassDashboard.Summary(count(r[0]), count(r[1]), (BigDecimal) r[2], (BigDecimal) r[3], count(r[4]), count(r[5]),
                        SqlValues.instant(r[6])))
                .stream().findFirst().orElse(new ClassDashboard.Summary(0, 0, null, null, 0, 0, null));
    }

    public List<ClassDashboard.StudentRow> students(UUID classId) {
        return reads.read(em -> students(em, classId));
    }

    private List<ClassDashboard.StudentRow> students(EntityManager reads, UUID classId) {
        return SqlValues.rows(reads.createNativeQuery(STUDENTS).setParameter(1, classId).setParameter(2, settings.struggle().recentQuizzes()),
                r -> new ClassDashboard.StudentRow((UUID) r[0], (String) r[1], (String) r[2], count(r[3]), (int) count(r[4]), count(r[5]),
                        count(r[6]), count(r[7]), (BigDecimal) r[8], (BigDecimal) r[9], count(r[10]), SqlValues.instant(r[11])));
    }

    /** Over the last {@value #DAYS_SHOWN} days: a class's trouble spots move as it goes through the course. */
    private List<ClassDashboard.HardQuestion> hardest(EntityManager reads, UUID classId, OffsetDateTime now, String locale) {
        return SqlValues.rows(reads.createNativeQuery(HARDEST).setParameter(1, classId).setParameter(2, now.minusDays(DAYS_SHOWN))
                        .setParameter(3, locale),
                r -> new ClassDashboard.HardQuestion((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], count(r[4]), (BigDecimal) r[5]));
    }

    private List<ClassDashboard.Day> days(EntityManager reads, UUID classId, ZoneId zone, OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        LocalDate first = today.minusDays(DAYS_SHOWN - 1L);
        OffsetDateTime from = first.atStartOfDay(zone).toOffsetDateTime();
        Map<LocalDate, ClassDashboard.Day> learned = new HashMap<>();
        SqlValues.rows(reads.createNativeQuery(DAYS).setParameter(1, classId).setParameter(2, from).setParameter(3, zone.getId()),
                r -> new ClassDashboard.Day(SqlValues.day(r[0]), count(r[1]), count(r[2]), count(r[3]))).forEach(d -> learned.put(d.day(), d));
        // a day nobody learned on has no row, and shows as nought
        return first.datesUntil(today.plusDays(1)).map(d -> learned.getOrDefault(d, new ClassDashboard.Day(d, 0, 0, 0))).toList();
    }
}
