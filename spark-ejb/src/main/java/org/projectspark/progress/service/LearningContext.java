package org.projectspark.progress.service;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.projectspark.gamification.domain.XpEvent;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.progress.domain.ProgressStatus;
import org.projectspark.progress.domain.StudentProgress;
import org.projectspark.progress.domain.Submission;

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
 * writers; kept per student.
 * <p>
 * The state lives in the transaction's own resources ({@link TransactionSynchronizationRegistry}), not in a
 * {@code @TransactionScoped} bean: Payara's transaction scope looks the registry up in JNDI (a new
 * {@code InitialContext}) on every call of every method, which cost a twelfth of a quiz submission's CPU.
 */
@ApplicationScoped
public class LearningContext {

    private static final Object KEY = LearningContext.class;

    /** A badge held, as {@link #badges} keys it ("BADGE/scope"), read in SQL. */
    private static final String BADGE_KEY = "badge || '/' || scope_id";

    /** The XP counted against a day's cap, from {@code since} to {@code until} (as {@link XpEvent#SUM_SINCE}), in SQL. */
    private static String dayXp(String since, String until) {
        return "SELECT COALESCE(SUM(x.points), 0) FROM xp_events x WHERE x.student_id = ?1 AND x.created_at >= " + since
                + " AND x.created_at < " + until + " AND x.reason <> '" + XpEvent.RULES_ADJUSTMENT + "'";
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** One transaction's knowledge of one student. */
    private static final class Known {
        final UUID studentId;
        final Map<UUID, StudentProgress> progress = new HashMap<>();
        final Set<UUID> progressLoaded = new HashSet<>();
        final Map<UUID, Set<String>> reasons = new HashMap<>();
        final Map<LocalDate, Long> earnedByDay = new HashMap<>();
        Set<LocalDate> days;
        final Set<LocalDate> newDays = new HashSet<>();
        Set<String> badges;
        final Map<UUID, Optional<Submission>> submissions = new HashMap<>();

        Known(UUID studentId) {
            this.studentId = studentId;
        }
    }

    /**
     * Each student's knowledge in this transaction, kept for the whole transaction: a transaction that came back to a
     * student must still know the rows it started for them (its reads do not flush, so the table would not show them).
     */
    private static final class Knowledge {
        final Map<UUID, Known> byStudent = new HashMap<>(2);
        Known last;
    }

    private Knowledge knowledge() {
        Knowledge all = (Knowledge) transactions.getResource(KEY);
        if (all == null) {
            all = new Knowledge();
            transactions.putResource(KEY, all);
        }
        return all;
    }

    /** This transaction's knowledge of the student. */
    private Known of(UUID student) {
        Knowledge all = knowledge();
        if (all.last == null || !student.equals(all.last.studentId)) {
            all.last = all.byStudent.computeIfAbsent(student, Known::new);
        }
        return all.last;
    }

    /** This transaction's knowledge of whichever student it is about (the writers' side: a read came first). */
    private Known current() {
        Knowledge all = knowledge();
        if (all.last == null) {
            all.last = new Known(null);
        }
        return all.last;
    }

    /** Loads the progress rows of these activities in one query (those missing are started when first used). */
    public void preloadProgress(EntityManager em, UUID student, Collection<UUID> activityIds) {
        preloadProgress(em, of(student), activityIds);
    }

    /**
     * Rows of activities this transaction has not touched: every writer of progress goes through {@link #progress},
     * which loads the row first, so the database's copy is current and the query need not flush the writes so far.
     */
    private static void preloadProgress(EntityManager em, Known k, Collection<UUID> activityIds) {
        List<UUID> wanted = activityIds.stream().filter(id -> !k.progressLoaded.contains(id)).distinct().toList();
        if (!wanted.isEmpty()) {
            em.createQuery("SELECT p FROM StudentProgress p WHERE p.studentId = :student AND p.activityId IN :ids", StudentProgress.class)
                    .setParameter("student", k.studentId).setParameter("ids", wanted).setFlushMode(FlushModeType.COMMIT).getResultList()
                    .forEach(p -> k.progress.put(p.activityId(), p));
            k.progressLoaded.addAll(wanted);
        }
    }

    public StudentProgress progress(EntityManager em, UUID student, UUID activityId, OffsetDateTime at) {
        Known k = of(student);
        preloadProgress(em, k, List.of(activityId));
        return k.progress.computeIfAbsent(activityId, id -> {
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
        Known k = of(student);
        preloadProgress(em, k, activityIds);
        return activityIds.stream().map(k.progress::get).allMatch(p -> p != null && p.status() == ProgressStatus.COMPLETED);
    }

    /** Loads which of these client submission ids the student already used, in one query. */
    public void preloadSubmissions(EntityManager em, UUID student, Collection<UUID> clientIds) {
        preloadSubmissions(em, of(student), clientIds);
    }

    private static void preloadSubmissions(EntityManager em, Known k, Collection<UUID> clientIds) {
        List<UUID> wanted = clientIds.stream().filter(id -> !k.submissions.containsKey(id)).distinct().toList();
        if (!wanted.isEmpty()) {
            wanted.forEach(id -> k.submissions.put(id, Optional.empty()));
            em.createQuery("SELECT s FROM Submission s WHERE s.studentId = :student AND s.clientSubmissionId IN :ids", Submission.class)
                    .setParameter("student", k.studentId).setParameter("ids", wanted).getResultList()
                    .forEach(s -> k.submissions.put(s.clientSubmissionId(), Optional.of(s)));
        }
    }

    public Optional<Submission> submission(EntityManager em, UUID student, UUID clientId) {
        Known k = of(student);
        preloadSubmissions(em, k, List.of(clientId));
        return k.submissions.get(clientId);
    }

    public void submitted(Submission s) {
        current().submissions.put(s.clientSubmissionId(), Optional.of(s));
    }

    /**
     * What rewarding a batch of learning reads, in one query: the XP reasons held for its activities ({@code sources}),
     * the XP of each of its days in the student's zone (their caps) and the badges held. An offline batch spans days;
     * read one at a time, each day was a round trip of its own, and each such read flushed the writes before it.
     */
    public void preloadRewards(EntityManager em, UUID student, Collection<UUID> sources, Collection<LocalDate> days, ZoneId zone) {
        Known k = of(student);
        List<UUID> wanted = sources.stream().filter(id -> !k.reasons.containsKey(id)).distinct().toList();
        List<LocalDate> unknownDays = days.stream().filter(d -> !k.earnedByDay.containsKey(d)).distinct().toList();
        if (wanted.isEmpty() && unknownDays.isEmpty()) {
            return; // no learning to reward (badges seen, notifications read): the badges are not needed either
        }
        boolean withBadges = k.badges == null;
        Query query = em.createNativeQuery("SELECT 'r', CAST(source_id AS varchar), reason, CAST(NULL AS bigint) FROM xp_events"
                        + " WHERE student_id = ?1 AND source_id = ANY (CAST(?2 AS uuid[]))"
                        + " UNION ALL SELECT 'd', CAST(d.day AS varchar), NULL, (" + dayXp("d.since", "d.until") + ")"
                        + " FROM unnest(CAST(?3 AS date[]), CAST(?4 AS timestamptz[]), CAST(?5 AS timestamptz[])) AS d (day, since, until)"
                        + (withBadges ? " UNION ALL SELECT 'b', " + BADGE_KEY + ", NULL, NULL FROM student_badges WHERE student_id = ?1" : ""))
                .setParameter(1, student).setParameter(2, SqlValues.array(wanted))
                .setParameter(3, SqlValues.array(unknownDays))
                .setParameter(4, SqlValues.array(unknownDays.stream().map(d -> d.atStartOfDay(zone).toOffsetDateTime()).toList()))
                .setParameter(5, SqlValues.array(unknownDays.stream().map(d -> d.plusDays(1).atStartOfDay(zone).toOffsetDateTime()).toList()));
        wanted.forEach(id -> k.reasons.put(id, new HashSet<>()));
        Set<String> badges = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] r : rows) {
            switch ((String) r[0]) {
                case "r" -> k.reasons.get(UUID.fromString((String) r[1])).add((String) r[2]);
                case "d" -> k.earnedByDay.put(LocalDate.parse((String) r[1]), ((Number) r[3]).longValue());
                default -> badges.add((String) r[1]);
            }
        }
        if (withBadges) {
            k.badges = badges;
        }
    }

    /** The XP reasons the student holds for a source (an activity, a streak day). */
    public Set<String> reasons(EntityManager em, UUID student, UUID source) {
        return of(student).reasons.computeIfAbsent(source, s -> new HashSet<>(em.createNamedQuery(XpEvent.REASONS_FOR_SOURCE, String.class)
                .setParameter("student", student).setParameter("source", s).getResultList()));
    }

    /** XP earned on the student's day {@code day} (its cap), whenever it was recorded. */
    public long earnedOn(EntityManager em, UUID student, LocalDate day, ZoneId zone) {
        return of(student).earnedByDay.computeIfAbsent(day, d -> em.createNamedQuery(XpEvent.SUM_SINCE, Long.class).setParameter("student", student)
                .setParameter("since", d.atStartOfDay(zone).toOffsetDateTime())
                .setParameter("until", d.plusDays(1).atStartOfDay(zone).toOffsetDateTime()).getSingleResult());
    }

    /** A ledger row written in this transaction: held, and counted against its day's cap. */
    public void granted(UUID source, String reason, int points, LocalDate day) {
        Known k = current();
        k.reasons.computeIfAbsent(source, s -> new HashSet<>()).add(reason);
        k.earnedByDay.computeIfPresent(day, (d, sum) -> sum + points);
    }

    /**
     * The XP reasons held for {@code source} and the XP of the student's {@code day}, read in one round trip when
     * neither is known yet (a quiz submission needs both): the same rows as {@link XpEvent#REASONS_FOR_SOURCE} and
     * {@link XpEvent#SUM_SINCE} over the day, as {@link #reasons} and {@link #earnedOn} read them one at a time.
     * The badges held come with them when not known yet: the badge check follows (a passed quiz always asks).
     */
    public void preloadReasonsAndDay(EntityManager em, UUID student, UUID source, LocalDate day, ZoneId zone) {
        Known k = of(student);
        if (!k.reasons.containsKey(source) && !k.earnedByDay.containsKey(day)) {
            readTogether(em, k, source, day, zone, null);
        }
    }

    /**
     * What a quiz submission reads besides its entities, in one round trip before it writes anything: whether the
     * client id was used already, and what {@link #preloadReasonsAndDay} reads for the activity and the day.
     */
    public void preloadSubmission(EntityManager em, UUID student, UUID clientId, UUID source, LocalDate day, ZoneId zone) {
        Known k = of(student);
        if (k.submissions.containsKey(clientId) || k.reasons.containsKey(source) || k.earnedByDay.containsKey(day)) {
            preloadSubmissions(em, k, List.of(clientId));
            preloadReasonsAndDay(em, student, source, day, zone);
        } else {
            readTogether(em, k, source, day, zone, clientId);
        }
    }

    private static void readTogether(EntityManager em, Known k, UUID source, LocalDate day, ZoneId zone, UUID clientId) {
        boolean withBadges = k.badges == null;
        Query query = em.createNativeQuery("SELECT 'r', reason, CAST(NULL AS bigint) FROM xp_events WHERE student_id = ?1 AND source_id = ?2"
                        + " UNION ALL SELECT 'd', CAST(NULL AS varchar), (" + dayXp("?3", "?4") + ")"
                        + (withBadges ? " UNION ALL SELECT 'b', " + BADGE_KEY + ", NULL FROM student_badges WHERE student_id = ?1" : "")
                        + (clientId != null ? " UNION ALL SELECT 's', CAST(id AS varchar), NULL FROM submissions WHERE student_id = ?1"
                        + " AND client_submission_id = ?5" : ""))
                .setParameter(1, k.studentId).setParameter(2, source)
                .setParameter(3, day.atStartOfDay(zone).toOffsetDateTime())
                .setParameter(4, day.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        if (clientId != null) {
            query.setParameter(5, clientId);
        }
        Set<String> held = new HashSet<>();
        Set<String> badges = new HashSet<>();
        long earned = 0;
        UUID submission = null;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] r : rows) {
            switch ((String) r[0]) {
                case "r" -> held.add((String) r[1]);
                case "d" -> earned = ((Number) r[2]).longValue();
                case "b" -> badges.add((String) r[1]);
                default -> submission = UUID.fromString((String) r[1]);
            }
        }
        k.reasons.put(source, held);
        k.earnedByDay.put(day, earned);
        if (withBadges) {
            k.badges = badges;
        }
        if (clientId != null) { // a re-sent submission (rare) is read whole
            k.submissions.put(clientId, submission == null ? Optional.empty() : Optional.of(em.find(Submission.class, submission)));
        }
    }

    /**
     * Records a day after every day the student learned so far (after their streak's last day): it is new, so
     * it is written without reading the student's days first.
     */
    public void learnedOnNewDay(EntityManager em, UUID student, LocalDate day) {
        Known k = of(student);
        (k.days != null ? k.days : k.newDays).add(day);
        insertDay(em, student, day);
    }

    /** Records a day that may be known already (learning that arrived late, from offline); true when it is new. */
    public boolean learnedOn(EntityManager em, UUID student, LocalDate day) {
        Known k = of(student);
        loadDays(em, k);
        if (!k.days.add(day)) {
            return false;
        }
        insertDay(em, student, day);
        return true;
    }

    /** Every day the student learned, oldest first (those recorded in this transaction included). */
    public List<LocalDate> days(EntityManager em, UUID student) {
        Known k = of(student);
        loadDays(em, k);
        return k.days.stream().sorted().toList();
    }

    /**
     * Days are written only by {@link #insertDay}, at once: the table is current without flushing the entities
     * written so far (which the read would otherwise do, each time, for nothing).
     */
    private static void loadDays(EntityManager em, Known k) {
        if (k.days == null) {
            k.days = new HashSet<>(k.newDays);
            em.createNativeQuery("SELECT day FROM learning_days WHERE student_id = ?1").setParameter(1, k.studentId)
                    .setFlushMode(FlushModeType.COMMIT).getResultList().forEach(d -> k.days.add(SqlValues.day(d)));
        }
    }

    private static void insertDay(EntityManager em, UUID student, LocalDate day) {
        em.createNativeQuery("INSERT INTO learning_days (student_id, day) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, student).setParameter(2, day).setFlushMode(FlushModeType.COMMIT).executeUpdate();
    }

    /** The badges ("BADGE/scope") the student holds; the caller adds those it awards. */
    public Set<String> badges(EntityManager em, UUID student) {
        Known k = of(student);
        if (k.badges == null) {
            k.badges = new HashSet<>();
            @SuppressWarnings("unchecked")
            List<String> held = em.createNativeQuery("SELECT " + BADGE_KEY + " FROM student_badges WHERE student_id = ?1")
                    .setParameter(1, student).getResultList();
            k.badges.addAll(held);
        }
        return k.badges;
    }
}
