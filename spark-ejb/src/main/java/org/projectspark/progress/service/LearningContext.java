package org.projectspark.progress.service;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.projectspark.gamification.domain.StudentBadge;
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
 * change these while the lock is held, so an offline batch applies hundreds of events with a few bulk reads (named
 * queries with IN lists, whose entities the persistence context then holds) instead of several queries per event.
 * Kept up to date by the writers; kept per student.
 * <p>
 * The state lives in the transaction's own resources ({@link TransactionSynchronizationRegistry}), not in a
 * {@code @TransactionScoped} bean: Payara's transaction scope looks the registry up in JNDI (a new
 * {@code InitialContext}) on every call of every method, which cost a twelfth of a quiz submission's CPU.
 */
@ApplicationScoped
public class LearningContext {

    private static final Object KEY = LearningContext.class;

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
            em.createNamedQuery(StudentProgress.OF_ACTIVITIES, StudentProgress.class)
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
            em.createNamedQuery(Submission.BY_CLIENT_IDS, Submission.class)
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
     * What rewarding a batch of learning reads, in two queries at most: the ledger lines of its activities
     * ({@code sources}) and of its days in the student's zone (their caps), and the badges held when not known yet.
     * An offline batch spans days; read one at a time, each day was a round trip of its own.
     */
    public void preloadRewards(EntityManager em, UUID student, Collection<UUID> sources, Collection<LocalDate> days, ZoneId zone) {
        Known k = of(student);
        List<UUID> wanted = sources.stream().filter(id -> !k.reasons.containsKey(id)).distinct().toList();
        List<LocalDate> unknownDays = days.stream().filter(d -> !k.earnedByDay.containsKey(d)).distinct().toList();
        if (wanted.isEmpty() && unknownDays.isEmpty()) {
            return; // no learning to reward (badges seen, notifications read): the badges are not needed either
        }
        readLedger(em, k, wanted, unknownDays, zone);
        loadBadges(em, k);
    }

    /**
     * The ledger lines of {@code sources} and of {@code days} in one query, kept as the reasons held per source and
     * the XP counted against each day's cap (as {@link XpEvent#REASONS_FOR_SOURCE} and {@link XpEvent#SUM_SINCE} read them).
     */
    private static void readLedger(EntityManager em, Known k, List<UUID> sources, List<LocalDate> days, ZoneId zone) {
        OffsetDateTime since = days.stream().min(LocalDate::compareTo).map(d -> d.atStartOfDay(zone).toOffsetDateTime()).orElse(NEVER);
        OffsetDateTime until = days.stream().max(LocalDate::compareTo).map(d -> d.plusDays(1).atStartOfDay(zone).toOffsetDateTime()).orElse(NEVER);
        List<XpEvent> lines = em.createNamedQuery(XpEvent.OF_SOURCES_OR_BETWEEN, XpEvent.class).setParameter("student", k.studentId)
                .setParameter("sources", sources.isEmpty() ? NO_SOURCE : sources).setParameter("since", since).setParameter("until", until)
                .getResultList();
        Map<UUID, Set<String>> reasons = new HashMap<>();
        Map<LocalDate, Long> earned = new HashMap<>();
        sources.forEach(id -> reasons.put(id, new HashSet<>()));
        days.forEach(d -> earned.put(d, 0L));
        for (XpEvent line : lines) {
            Set<String> held = reasons.get(line.sourceId());
            if (held != null) {
                held.add(line.reason());
            }
            if (line.countsTowardDailyCap()) {
                earned.computeIfPresent(line.createdAt().atZoneSameInstant(zone).toLocalDate(), (d, sum) -> sum + line.points());
            }
        }
        k.reasons.putAll(reasons);
        k.earnedByDay.putAll(earned);
    }

    /** An empty span of time, for a ledger read that wants no day. */
    private static final OffsetDateTime NEVER = OffsetDateTime.parse("1970-01-01T00:00:00Z");
    /** For a ledger read that wants no source: an IN list may not be empty, and no activity has the nil id. */
    private static final List<UUID> NO_SOURCE = List.of(new UUID(0, 0));

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
     * The XP reasons held for {@code source} and the XP of the student's {@code day}, read in one query when
     * neither is known yet (a quiz submission needs both), as {@link #reasons} and {@link #earnedOn} read them one at a
     * time. The badges held come next when not known yet: the badge check follows (a passed quiz always asks).
     */
    public void preloadReasonsAndDay(EntityManager em, UUID student, UUID source, LocalDate day, ZoneId zone) {
        Known k = of(student);
        if (!k.reasons.containsKey(source) && !k.earnedByDay.containsKey(day)) {
            readLedger(em, k, List.of(source), List.of(day), zone);
            loadBadges(em, k);
        }
    }

    /**
     * What a quiz submission reads besides its entities, before it writes anything: whether the client id was used
     * already, and what {@link #preloadReasonsAndDay} reads for the activity and the day.
     */
    public void preloadSubmission(EntityManager em, UUID student, UUID clientId, UUID source, LocalDate day, ZoneId zone) {
        preloadSubmissions(em, of(student), List.of(clientId));
        preloadReasonsAndDay(em, student, source, day, zone);
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
        loadBadges(em, k);
        return k.badges;
    }

    private static void loadBadges(EntityManager em, Known k) {
        if (k.badges == null) {
            k.badges = new HashSet<>();
            em.createNamedQuery(StudentBadge.OF_STUDENT, StudentBadge.class).setParameter("student", k.studentId).getResultList()
                    .forEach(b -> k.badges.add(b.badge() + "/" + b.scopeId()));
        }
    }
}
