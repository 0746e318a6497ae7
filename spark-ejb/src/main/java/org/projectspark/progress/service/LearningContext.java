package org.projectspark.progress.service;

import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import org.projectspark.gamification.domain.XpEvent;
import org.projectspark.progress.domain.ProgressStatus;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.domain.Submission;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one transaction already knows about the student whose profile row it holds locked: their progress rows,
 * the XP reasons held per source, XP per day, days learned, badges held, submissions by client id. Nothing else can
 * change these while the lock is held, so an offline batch applies hundreds of events with a few bulk reads
 * instead of several queries per event (and without the flushes those queries force). Kept up to date by the
 * writers; valid for one student (another student starts it afresh).
 */
@TransactionScoped
public class LearningContext implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient UUID studentId;
    private transient Map<UUID, StudentProgress> progress;
    private transient Set<UUID> progressLoaded;
    private transient Map<UUID, Set<String>> reasons;
    private transient Map<LocalDate, Long> earnedByDay;
    private transient Set<LocalDate> days;
    private transient Set<LocalDate> newDays;
    private transient Set<String> badges;
    private transient Map<UUID, Optional<Submission>> submissions;

    private void of(UUID student) {
        if (!student.equals(studentId)) {
            studentId = student;
            progress = new HashMap<>();
            progressLoaded = new HashSet<>();
            reasons = new HashMap<>();
            earnedByDay = new HashMap<>();
            days = null;
            newDays = new HashSet<>();
            badges = null;
            submissions = new HashMap<>();
        }
    }

    /** Loads the progress rows of these activities in one query (those missing are started when first used). */
    public void preloadProgress(EntityManager em, UUID student, Collection<UUID> activityIds) {
        of(student);
        List<UUID> wanted = activityIds.stream().filter(id -> !progressLoaded.contains(id)).distinct().toList();
        if (!wanted.isEmpty()) {
            em.createQuery("SELECT p FROM StudentProgress p WHERE p.studentId = :student AND p.activityId IN :ids", StudentProgress.class)
                    .setParameter("student", student).setParameter("ids", wanted).getResultList()
                    .forEach(p -> progress.put(p.activityId(), p));
            progressLoaded.addAll(wanted);
        }
    }

    public StudentProgress progress(EntityManager em, UUID student, UUID activityId, OffsetDateTime at) {
        of(student);
        preloadProgress(em, student, List.of(activityId));
        return progress.computeIfAbsent(activityId, id -> {
            StudentProgress p = StudentProgress.start(student, id, at);
            em.persist(p);
            return p;
        });
    }

    /**
     * Whether the student has completed every one of these activities, as this transaction sees it (its own
     * progress rows included); rows not loaded yet are read first, in one query.
     */
    public boolean allCompleted(EntityManager em, UUID student, Collection<UUID> activityIds) {
        preloadProgress(em, student, activityIds);
        return activityIds.stream().map(progress::get).allMatch(p -> p != null && p.status() == ProgressStatus.COMPLETED);
    }

    /** Loads which of these client submission ids the student already used, in one query. */
    public void preloadSubmissions(EntityManager em, UUID student, Collection<UUID> clientIds) {
        of(student);
        List<UUID> wanted = clientIds.stream().filter(id -> !submissions.containsKey(id)).distinct().toList();
        if (!wanted.isEmpty()) {
            wanted.forEach(id -> submissions.put(id, Optional.empty()));
            em.createQuery("SELECT s FROM Submission s WHERE s.studentId = :student AND s.clientSubmissionId IN :ids", Submission.class)
                    .setParameter("student", student).setParameter("ids", wanted).getResultList()
                    .forEach(s -> submissions.put(s.clientSubmissionId(), Optional.of(s)));
        }
    }

    public Optional<Submission> submission(EntityManager em, UUID student, UUID clientId) {
        preloadSubmissions(em, student, List.of(clientId));
        return submissions.get(clientId);
    }

    public void submitted(Submission s) {
        submissions.put(s.clientSubmissionId(), Optional.of(s));
    }

    /** Loads the XP reasons the student holds for these sources, in one query. */
    public void preloadReasons(EntityManager em, UUID student, Collection<UUID> sources) {
        of(student);
        List<UUID> wanted = sources.stream().filter(id -> !reasons.containsKey(id)).distinct().toList();
        if (!wanted.isEmpty()) {
            wanted.forEach(id -> reasons.put(id, new HashSet<>()));
            em.createQuery("SELECT e.sourceId, e.reason FROM XpEvent e WHERE e.studentId = :student AND e.sourceId IN :ids", Object[].class)
                    .setParameter("student", student).setParameter("ids", wanted).getResultList()
                    .forEach(r -> reasons.get((UUID) r[0]).add((String) r[1]));
        }
    }

    /** The XP reasons the student holds for a source (an activity, a streak day). */
    public Set<String> reasons(EntityManager em, UUID student, UUID source) {
        of(student);
        return reasons.computeIfAbsent(source, s -> new HashSet<>(em.createNamedQuery(XpEvent.REASONS_FOR_SOURCE, String.class)
                .setParameter("student", student).setParameter("source", s).getResultList()));
    }

    /** XP earned on the student's day {@code day} (its cap), whenever it was recorded. */
    public long earnedOn(EntityManager em, UUID student, LocalDate day, ZoneId zone) {
        of(student);
        return earnedByDay.computeIfAbsent(day, d -> em.createNamedQuery(XpEvent.SUM_SINCE, Long.class).setParameter("student", student)
                .setParameter("since", d.atStartOfDay(zone).toOffsetDateTime())
                .setParameter("until", d.plusDays(1).atStartOfDay(zone).toOffsetDateTime()).getSingleResult());
    }

    /** A ledger row written in this transaction: held, and counted against its day's cap. */
    public void granted(UUID source, String reason, int points, LocalDate day) {
        reasons.computeIfAbsent(source, s -> new HashSet<>()).add(reason);
        earnedByDay.computeIfPresent(day, (d, sum) -> sum + points);
    }

    /**
     * The XP reasons held for {@code source} and the XP of the student's {@code day}, read in one round trip when
     * neither is known yet (a quiz submission needs both): the same rows as {@link XpEvent#REASONS_FOR_SOURCE} and
     * {@link XpEvent#SUM_SINCE} over the day, as {@link #reasons} and {@link #earnedOn} read them one at a time.
     */
    public void preloadReasonsAndDay(EntityManager em, UUID student, UUID source, LocalDate day, ZoneId zone) {
        of(student);
        if (reasons.containsKey(source) || earnedByDay.containsKey(day)) {
            return;
        }
        Set<String> held = new HashSet<>();
        long earned = 0;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT reason, CAST(NULL AS bigint) FROM xp_events WHERE student_id = ?1 AND source_id = ?2"
                        + " UNION ALL SELECT CAST(NULL AS varchar), COALESCE(SUM(points), 0) FROM xp_events WHERE student_id = ?3"
                        + " AND created_at >= ?4 AND created_at < ?5 AND reason <> '" + XpEvent.RULES_ADJUSTMENT + "'")
                .setParameter(1, student).setParameter(2, source).setParameter(3, student)
                .setParameter(4, day.atStartOfDay(zone).toOffsetDateTime())
                .setParameter(5, day.plusDays(1).atStartOfDay(zone).toOffsetDateTime()).getResultList();
        for (Object[] r : rows) {
            if (r[0] != null) {
                held.add((String) r[0]);
            } else {
                earned = ((Number) r[1]).longValue();
            }
        }
        reasons.put(source, held);
        earnedByDay.put(day, earned);
    }

    /**
     * Records a day after every day the student learned so far (after their streak's last day): it is new, so
     * it is written without reading the student's days first.
     */
    public void learnedOnNewDay(EntityManager em, UUID student, LocalDate day) {
        of(student);
        (days != null ? days : newDays).add(day);
        insertDay(em, student, day);
    }

    /** Records a day that may be known already (learning that arrived late, from offline); true when it is new. */
    public boolean learnedOn(EntityManager em, UUID student, LocalDate day) {
        of(student);
        loadDays(em, student);
        if (!days.add(day)) {
            return false;
        }
        insertDay(em, student, day);
        return true;
    }

    /** Every day the student learned, oldest first (those recorded in this transaction included). */
    public List<LocalDate> days(EntityManager em, UUID student) {
        of(student);
        loadDays(em, student);
        return days.stream().sorted().toList();
    }

    private void loadDays(EntityManager em, UUID student) {
        if (days == null) {
            days = new HashSet<>(newDays);
            em.createNativeQuery("SELECT day FROM learning_days WHERE student_id = ?1").setParameter(1, student)
                    .getResultList().forEach(d -> days.add(d instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) d));
        }
    }

    private static void insertDay(EntityManager em, UUID student, LocalDate day) {
        em.createNativeQuery("INSERT INTO learning_days (student_id, day) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, student).setParameter(2, day).executeUpdate();
    }

    /** The badges ("BADGE/scope") the student holds; {@link #earned} keeps it current. */
    public Set<String> badges(EntityManager em, UUID student) {
        of(student);
        if (badges == null) {
            badges = new HashSet<>();
            @SuppressWarnings("unchecked")
            List<Object[]> held = em.createNativeQuery("SELECT badge, scope_id FROM student_badges WHERE student_id = ?1")
                    .setParameter(1, student).getResultList();
            held.forEach(b -> badges.add(b[0] + "/" + b[1]));
        }
        return badges;
    }
}
