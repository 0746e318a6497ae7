package org.projectspark.progress.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.domain.Lesson;
import org.projectspark.gamification.domain.LevelCurve;
import org.projectspark.gamification.domain.Streak;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.gamification.service.GamificationSettings;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.persistence.SqlValues;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds a student's dashboard from PostgreSQL (the web layer caches it). From the primary: it is the student's own
 * progress, read back right after a submission or a sync, and must show it.
 */
@ApplicationScoped
public class DashboardQueries {

    static final int IN_PROGRESS_SHOWN = 5;

    @PersistenceContext(unitName = "spark")
    EntityManager reads;

    @Inject
    GamificationSettings gamification;

    public StudentDashboard of(UUID studentId) {
        Profile profile = reads.createQuery("SELECT p FROM Profile p WHERE p.user.id = :id", Profile.class).setParameter("id", studentId)
                .getResultStream().findFirst().orElseThrow(() -> new NotFoundException("No profile for user " + studentId));
        String locale = profile.locale();
        LocalDate today = OffsetDateTime.now(ZoneOffset.UTC).atZoneSameInstant(profile.zone()).toLocalDate();
        StudentDashboard.StreakView streak = Optional.ofNullable(reads.find(Streak.class, studentId))
                .map(s -> new StudentDashboard.StreakView(s.currentAsOf(today), s.longest(), s.lastActiveOn().orElse(null)))
                .orElse(new StudentDashboard.StreakView(0, 0, null));
        List<StudentDashboard.BadgeView> badges = reads.createNamedQuery(StudentBadge.OF_STUDENT, StudentBadge.class)
                .setParameter("student", studentId).getResultList().stream()
                .map(b -> new StudentDashboard.BadgeView(b.badge().name(), StudentBadge.EVERYWHERE.equals(b.scopeId()) ? null : b.scopeId(), b.earnedAt()))
                .toList();
        return new StudentDashboard(profile.displayName(), locale, profile.xpPoints(), profile.level(), levelProgress(profile),
                streak, badges, inProgress(studentId, locale), nextLesson(studentId, locale).orElse(null));
    }

    private StudentDashboard.LevelProgress levelProgress(Profile profile) {
        LevelCurve curve = gamification.curve();
        long start = curve.xpFor(profile.level());
        long next = curve.xpFor(profile.level() + 1);
        int percent = (int) Math.min(100, Math.max(0, (profile.xpPoints() - start) * 100 / Math.max(1, next - start)));
        return new StudentDashboard.LevelProgress(start, next, percent);
    }

    /** Lessons with some but not all activities completed, most recently opened first. */
    private List<StudentDashboard.LessonView> inProgress(UUID studentId, String locale) {
        List<LessonFigures> lessons = SqlValues.rows(reads.createNativeQuery("SELECT a.lesson_id,"
                        + " count(*) FILTER (WHERE p.status = 'COMPLETED' AND a.type <> 'ASSIGNMENT'),"
                        + " (SELECT count(*) FROM activities x WHERE x.lesson_id = a.lesson_id AND x.type <> 'ASSIGNMENT'),"
                        + " max(p.last_accessed)"
                        + " FROM student_progress p JOIN activities a ON a.id = p.activity_id"
                        + " WHERE p.student_id = ?1 AND p.status IN ('IN_PROGRESS', 'COMPLETED')"
                        + " GROUP BY a.lesson_id"
                        + " HAVING count(*) FILTER (WHERE p.status = 'COMPLETED' AND a.type <> 'ASSIGNMENT')"
                        + "  < (SELECT count(*) FROM activities x WHERE x.lesson_id = a.lesson_id AND x.type <> 'ASSIGNMENT')"
                        + " ORDER BY 4 DESC LIMIT ?2")
                .setParameter(1, studentId).setParameter(2, IN_PROGRESS_SHOWN), LessonFigures::of);
        return lessons.stream().flatMap(l -> lesson(l, locale).stream()).toList();
    }

    /**
     * The first lesson not completed yet, in course order, of the course the student worked in last; a
     * student who has not started yet (or finished what they started) gets the first lesson of the next course.
     */
    private Optional<StudentDashboard.LessonView> nextLesson(UUID studentId, String locale) {
        List<LessonFigures> next = SqlValues.rows(reads.createNativeQuery("SELECT l.id,"
                        + " (SELECT count(*) FROM activities a JOIN student_progress p ON p.activity_id = a.id AND p.student_id = ?1"
                        + "   AND p.status = 'COMPLETED' WHERE a.lesson_id = l.id AND a.type <> 'ASSIGNMENT'),"
                        + " (SELECT count(*) FROM activities a WHERE a.lesson_id = l.id AND a.type <> 'ASSIGNMENT'),"
                        // the columns of the lessons under way; the next lesson shows no time last opened
                        + " CAST(NULL AS timestamptz)"
                        + " FROM lessons l JOIN course_units u ON u.id = l.unit_id JOIN courses c ON c.id = u.course_id AND c.status = 'PUBLISHED'"
                        + " WHERE EXISTS (SELECT 1 FROM activities a WHERE a.lesson_id = l.id AND a.type <> 'ASSIGNMENT' AND NOT EXISTS"
                        + "   (SELECT 1 FROM student_progress p WHERE p.activity_id = a.id AND p.student_id = ?1 AND p.status = 'COMPLETED'))"
                        + " ORDER BY (SELECT max(p.last_accessed) FROM student_progress p JOIN activities a ON a.id = p.activity_id"
                        + "   JOIN lessons l2 ON l2.id = a.lesson_id JOIN course_units u2 ON u2.id = l2.unit_id"
                        + "   WHERE u2.course_id = c.id AND p.student_id = ?1) DESC NULLS LAST, c.published_at, c.id, u.position, l.position LIMIT 1")
                .setParameter(1, studentId), LessonFigures::of);
        return next.stream().findFirst().flatMap(l -> lesson(l, locale));
    }

    /** A lesson as both queries above answer it: the student's completed activities of how many, when they last opened it. */
    private record LessonFigures(UUID lessonId, int completed, int activities, OffsetDateTime lastAccessed) {

        static LessonFigures of(Object[] row) {
            return new LessonFigures((UUID) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).intValue(), SqlValues.instant(row[3]));
        }
    }

    private Optional<StudentDashboard.LessonView> lesson(LessonFigures figures, String locale) {
        return Optional.ofNullable(reads.find(Lesson.class, figures.lessonId())).map(l -> {
            Course course = l.unit().course();
            return new StudentDashboard.LessonView(l.id(), l.title().in(locale, course.defaultLocale()), course.id(),
                    course.title().in(locale, course.defaultLocale()), figures.completed(), figures.activities(), figures.lastAccessed());
        });
    }
}
