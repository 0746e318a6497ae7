package org.projectspark.gamification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.projectspark.gamification.domain.XpReplay;
import org.projectspark.platform.persistence.SqlValues;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Students' learning record (graded quizzes, completed readings, videos, audio, and the days they learned) replayed
 * under the current rules, plus what their graded assignments are worth ({@link org.projectspark.gamification.domain.XpRules#forGrade},
 * outside the daily cap as live grading is).
 */
@ApplicationScoped
public class XpHistory {

    private static final String LEARNING = "SELECT student_id, activity_id, at, score, perfect FROM ("
            + " SELECT s.student_id, s.activity_id, s.submitted_at AS at, s.score, s.correct_count = s.question_count AND s.question_count > 0 AS perfect"
            + " FROM submissions s WHERE s.student_id = ANY (CAST(?1 AS uuid[]))"
            // an offline attempt flagged as implausible earns nothing until a teacher accepts it
            + " AND NOT EXISTS (SELECT 1 FROM sync_events e WHERE e.id = s.client_submission_id AND e.user_id = s.student_id"
            + " AND e.review IN ('PENDING', 'DISMISSED'))"
            // a completion from its first finish that counted (one flagged as implausible earns nothing until accepted)
            + " UNION ALL SELECT p.student_id, p.activity_id, p.credited_at, NULL, false FROM student_progress p JOIN activities a ON a.id = p.activity_id"
            + " WHERE p.student_id = ANY (CAST(?1 AS uuid[])) AND p.credited_at IS NOT NULL AND a.type IN ('READING', 'VIDEO', 'AUDIO')"
            + ") l ORDER BY student_id, at";
    // what teachers' grades are worth: the best grade of each assignment, as live grading keeps the ledger
    private static final String GRADES = "SELECT student_id, max(score) FROM assignment_grades WHERE student_id = ANY (CAST(?1 AS uuid[]))"
            + " GROUP BY student_id, activity_id";
    // every day live learning counted (a reading finished again counts its day without a record of its own)
    private static final String DAYS = "SELECT student_id, day FROM learning_days WHERE student_id = ANY (CAST(?1 AS uuid[]))";

    @Inject
    GamificationSettings gamification;

    /** What the rules give each of these students (keyed by student; zones by student). */
    public Map<UUID, Long> replay(EntityManager em, Map<UUID, ZoneId> zones) {
        Map<UUID, List<XpReplay.Learning>> learning = new HashMap<>();
        String ids = SqlValues.array(zones.keySet());
        for (Learned l : SqlValues.rows(em.createNativeQuery(LEARNING).setParameter(1, ids), Learned::of)) {
            learning.computeIfAbsent(l.studentId(), k -> new ArrayList<>()).add(l.learning());
        }
        for (LearningDay d : SqlValues.rows(em.createNativeQuery(DAYS).setParameter(1, ids), LearningDay::of)) {
            learning.computeIfAbsent(d.studentId(), k -> new ArrayList<>()).add(XpReplay.Learning.dayOf(d.day(), zones.get(d.studentId())));
        }
        learning.values().forEach(l -> l.sort(Comparator.comparing(XpReplay.Learning::at)));
        Map<UUID, Long> totals = new HashMap<>();
        zones.forEach((id, zone) -> totals.put(id, XpReplay.total(gamification.rules(), zone, learning.getOrDefault(id, List.of()))));
        for (Object[] best : SqlValues.rows(em.createNativeQuery(GRADES).setParameter(1, ids), row -> row)) {
            totals.merge((UUID) best[0], (long) gamification.rules().forGrade(((Number) best[1]).intValue()), Long::sum);
        }
        return totals;
    }

    public long replay(EntityManager em, UUID studentId, ZoneId zone) {
        return replay(em, Map.of(studentId, zone)).get(studentId);
    }

    /** A row of {@link #LEARNING}: one graded attempt or first counted completion of a student. */
    private record Learned(UUID studentId, XpReplay.Learning learning) {

        static Learned of(Object[] row) {
            return new Learned((UUID) row[0], new XpReplay.Learning((UUID) row[1], SqlValues.instant(row[2]),
                    row[3] == null ? null : ((BigDecimal) row[3]).doubleValue(), (Boolean) row[4]));
        }
    }

    /** A row of {@link #DAYS}. */
    private record LearningDay(UUID studentId, LocalDate day) {

        static LearningDay of(Object[] row) {
            return new LearningDay((UUID) row[0], SqlValues.day(row[1]));
        }
    }
}
