package org.projectspark.progress.service;

import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import org.projectspark.gamification.domain.StudentBadge;
import org.projectspark.gamification.domain.XpEvent;
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

    /** Records a day with learning; true when it is new for the student. */
    public boolean learnedOn(EntityManager em, UUID student, LocalDate day) {
        of(student);
        if (days == null) {
            days = new HashSet<>();
            em.createNativeQuery("SELECT day FROM learning_days WHERE student_id = ?1").setParameter(1, student)
                    .getResultList().forEach(d -> days.add(d instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) d));
        }
        if (!days.add(day)) {
            return false;
        }
        em.createNativeQuery("INSERT INTO learning_days (student_id, day) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, student).setParameter(2, day).executeUpdate();
        return true;
    }

    public List<LocalDate> days() {
        return days.stream().sorted().toList();
    }

    /** The badges ("BADGE/scope") the student holds; {@link #earned} keeps it current. */
    public Set<String> badges(EntityManager em, UUID student) {
        of(student);
        if (badges == null) {
            badges = new HashSet<>();
            em.createNamedQuery(StudentBadge.OF_STUDENT, StudentBadge.class).setParameter("student", student)
                    .getResultList().forEach(b -> badges.add(b.badge() + "/" + b.scopeId()));
        }
        return badges;
    }
}
