package org.projectspark.sync.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.ActivityType;
import org.projectspark.platform.error.SparkException;
import org.projectspark.media.service.IssuedFiles;
import org.projectspark.progress.service.HandinResult;
import org.projectspark.progress.service.LearningRecorder;
import org.projectspark.progress.service.ProgressRecorded;
import org.projectspark.progress.service.ProgressResult;
import org.projectspark.progress.service.SubmissionResult;
import org.projectspark.sync.domain.EventOutcome;
import org.projectspark.sync.domain.Plausibility;
import org.projectspark.sync.domain.SyncEvent;
import org.projectspark.sync.domain.WaitingEvent;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a chunk of one student's uploaded events in one transaction. The student's profile row is locked first,
 * so chunks of the same student apply one at a time whichever instance they reach; each event's id is then
 * looked up, and an event already held is answered with its first result. A new event is checked completely
 * before it writes anything, so a bad one is rejected (and kept, with its reason) while the others apply; its
 * {@code sync_events} row is written in the same transaction as its effect, so it is applied exactly once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class EventApplier {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    LearningRecorder recorder;

    @Inject
    SyncSettings settings;

    @Inject
    SyncRecords records;

    @Inject
    Event<StandingChanged> standingChanged;

    @Inject
    Event<ProgressRecorded> progressRecorded;

    @Inject
    IssuedFiles files;

    /** The sync session a chunk belongs to: whose events, when they arrived, when each device was registered. */
    public record Session(UUID receiptId, UUID userId, OffsetDateTime receivedAt, Map<String, OffsetDateTime> registeredAt) {

        /** A session of one device; a bundle's devices count as registered no later than its export ({@code offlineSince}). */
        static Session of(UUID receiptId, UUID userId, String deviceId, OffsetDateTime registeredAt, OffsetDateTime offlineSince) {
            OffsetDateTime registered = offlineSince != null && offlineSince.isBefore(registeredAt) ? offlineSince : registeredAt;
            return new Session(receiptId, userId, OffsetDateTime.now(ZoneOffset.UTC), Map.of(deviceId, registered));
        }
    }

    /** A new event's effect: its result, the plausibility flags that kept it from earning anything, whether it earned XP or badges. */
    private record Effect(EventOutcome result, Set<Plausibility.Flag> flags, boolean earned) {

        Effect(EventOutcome result, Set<Plausibility.Flag> flags) {
            this(result, flags, false);
        }

        static Effect of(ProgressResult outcome, Set<Plausibility.Flag> flags) {
            return new Effect(SyncResults.of(outcome).build(), flags, outcome.earnedAnything());
        }
    }

    /** One chunk of a big batch, its session open (IN_PROGRESS) in a transaction of its own: the counts go on it. */
    public List<EventResult> apply(Session session, List<IncomingEvent> events) {
        Applied applied = applyEvents(session, events);
        records.count(session.receiptId(), applied.counts());
        return applied.results();
    }

    /**
     * A whole batch that fits in one chunk (the usual upload): the device registered, the events applied, the
     * session's log written COMPLETED and the device's upload cursor moved, all in this one transaction.
     */
    public SyncUpload.Receipt applyAlone(UUID receipt, UUID userId, String deviceId, List<IncomingEvent> events, long bytes,
                                         SyncSessions.Source source, OffsetDateTime offlineSince, long startedNanos) {
        Session session = Session.of(receipt, userId, deviceId, records.register(userId, deviceId, null), offlineSince);
        Applied applied = applyEvents(session, events);
        em.flush(); // the events are counted into the device's cursor
        int[] c = applied.counts();
        long heldThrough = records.completedAndSynced(receipt, userId, deviceId, source, bytes, events.size(), c,
                (System.nanoTime() - startedNanos) / 1_000_000);
        return new SyncUpload.Receipt(receipt, deviceId, events.size(), c[0], c[1], c[2], c[3], heldThrough, applied.results());
    }

    /** Results in the order sent, and the counts of APPLIED, DUPLICATE, REJECTED, WAITING. */
    private record Applied(List<EventResult> results, int[] counts) {
    }

    /** A new event's result, and whether it moved the student's learning (progress), and their standing (XP, badges). */
    private record Outcome(EventResult result, boolean learned, boolean earned) {
        static Outcome of(EventResult result) {
            return new Outcome(result, false, false);
        }
    }

    private Applied applyEvents(Session session, List<IncomingEvent> events) {
        Profile profile = recorder.lockLearner(session.userId());
        Map<UUID, SyncEvent> held = held(events);
        preload(session, profile, events, held);
        Map<UUID, EventResult> firstInBatch = new HashMap<>();
        List<EventResult> results = new ArrayList<>(events.size());
        int[] counts = new int[EventResult.Status.values().length];
        boolean learned = false;
        boolean earned = false;
        for (IncomingEvent e : events) {
            EventResult result;
            SyncEvent earlier = e.id() == null ? null : held.get(e.id());
            if (e.id() == null) {
                result = EventResult.rejected(e, e.problem());
            } else if (earlier != null && !earlier.userId().equals(session.userId())) {
                result = EventResult.rejected(e, "event id " + e.id() + " is already used by another account; make a new one");
            } else if (earlier != null) {
                result = EventResult.duplicate(e, SyncResults.of(e.index(), earlier));
            } else if (firstInBatch.containsKey(e.id())) {
                result = EventResult.duplicate(e, firstInBatch.get(e.id()));
            } else if (e.malformed()) {
                result = reject(session, e, e.problem());
            } else {
                Outcome outcome = applyNew(session, profile, e);
                result = outcome.result();
                learned |= outcome.learned();
                earned |= outcome.earned();
            }
            if (e.id() != null) {
                firstInBatch.putIfAbsent(e.id(), result);
            }
            counts[result.status().ordinal()]++;
            results.add(result);
        }
        // learning that earned nothing moves only progress: boards, cards and /users/me stay as they are
        if (earned) {
            standingChanged.fire(new StandingChanged(session.userId())); // observers of progress watch it too
        } else if (learned) {
            progressRecorded.fire(new ProgressRecorded(session.userId()));
        }
        return new Applied(results, counts);
    }

    private Map<UUID, SyncEvent> held(List<IncomingEvent> events) {
        List<UUID> ids = events.stream().map(IncomingEvent::id).filter(java.util.Objects::nonNull).distinct().toList();
        Map<UUID, SyncEvent> held = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createNamedQuery(SyncEvent.WITH_IDS, SyncEvent.class).setParameter("ids", ids).getResultList()
                    .forEach(s -> held.put(s.id(), s));
        }
        return held;
    }

    /**
     * The progress rows (of the events' activities and the rest of their lessons), earlier submissions, and what
     * rewarding them reads (XP reasons, the XP of their days, badges) the new events will need: three queries, not
     * several per event or per day.
     */
    private void preload(Session session, Profile profile, List<IncomingEvent> events, Map<UUID, SyncEvent> held) {
        Set<UUID> activities = new HashSet<>();
        Set<UUID> lessons = new HashSet<>();
        Set<UUID> clientIds = new HashSet<>();
        Set<LocalDate> days = new HashSet<>();
        for (IncomingEvent e : events) {
            if (e.malformed() || held.containsKey(e.id())) {
                continue;
            }
            if (e.type().isLearning()) {
                days.add(at(session, e).atZoneSameInstant(profile.zone()).toLocalDate());
            }
            if (e.data() instanceof EventData.ProgressMade p) {
                activities.add(p.activityId());
            } else if (e.data() instanceof EventData.AssignmentHandedIn a) {
                activities.add(a.activityId());
            } else if (e.data() instanceof EventData.QuizAnswered q) {
                activities.add(q.activityId());
                clientIds.add(q.clientSubmissionId());
            } else if (e.data() instanceof EventData.LessonOpened l) {
                lessons.add(l.lessonId());
            }
        }
        recorder.readAhead(profile, activities, lessons, clientIds, days);
    }

    private Outcome applyNew(Session session, Profile profile, IncomingEvent e) {
        try {
            Effect effect = effect(session, profile, e);
            List<String> flags = effect.flags().stream().map(Enum::name).sorted().toList();
            em.persist(SyncEvent.applied(e.id(), session.userId(), e.deviceId(), e.sequence(), e.type(), e.deviceTime(),
                    session.receivedAt(), session.receiptId(), effect.flags(), effect.result(), e.raw()));
            return new Outcome(EventResult.applied(e, flags, effect.result()), e.type().isLearning(), effect.earned());
        } catch (Refused | SparkException refused) {
            return Outcome.of(reject(session, e, refused.getMessage()));
        } catch (Waits waits) {
            return Outcome.of(hold(session, e, waits));
        }
    }

    /** Held until its file arrives: WAITING under its id (a retry is a duplicate), with what applying it will need. */
    private EventResult hold(Session session, IncomingEvent e, Waits waits) {
        IssuedFiles.Uploading u = waits.upload();
        String reason = "waiting for its file: upload " + u.uploadId() + " holds " + u.offset() + " of " + u.length()
                + " bytes; the event is applied when the upload completes (it expires at " + u.expiresAt() + " if left alone)";
        EventOutcome waitingFor = EventOutcome.builder().with("uploadId", u.uploadId().toString()).build();
        em.persist(SyncEvent.waiting(e.id(), session.userId(), e.deviceId(), e.sequence(), e.type(), e.deviceTime(), session.receivedAt(),
                session.receiptId(), reason, waitingFor, e.raw()));
        em.flush(); // the waiting row refers to the event's
        em.persist(new WaitingEvent(e.id(), session.userId(), u.uploadId(), waits.activityId(), waits.flags()));
        return EventResult.waiting(e, reason, waitingFor);
    }

    private EventResult reject(Session session, IncomingEvent e, String reason) {
        em.persist(SyncEvent.rejected(e.id(), session.userId(), e.deviceId(), e.sequence(), e.typeName(),
                e.deviceTime() == null ? session.receivedAt() : e.deviceTime(), session.receivedAt(), session.receiptId(), reason, e.raw()));
        return EventResult.rejected(e, reason);
    }

    /** Thrown while an event is checked, before it writes anything. */
    private static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Thrown while a hand-in is checked, before it writes anything: its file is still being uploaded. */
    private static final class Waits extends RuntimeException {
        private final transient IssuedFiles.Uploading upload;
        private final UUID activityId;
        private final transient Set<Plausibility.Flag> flags;

        Waits(IssuedFiles.Uploading upload, UUID activityId, Set<Plausibility.Flag> flags) {
            super(null, null, false, false);
            this.upload = upload;
            this.activityId = activityId;
            this.flags = flags;
        }

        IssuedFiles.Uploading upload() { return upload; }
        UUID activityId() { return activityId; }
        Set<Plausibility.Flag> flags() { return flags; }
    }

    // --- learning events: progress moves at the device's time; XP only when the event is plausible ---

    private Effect effect(Session session, Profile profile, IncomingEvent e) {
        EventData data = e.data();
        if (data instanceof EventData.LessonOpened d) {
            return lessonOpened(session, profile, e, d);
        } else if (data instanceof EventData.ProgressMade d) {
            return progress(session, profile, e, d);
        } else if (data instanceof EventData.QuizAnswered d) {
            return quiz(session, profile, e, d);
        } else if (data instanceof EventData.AssignmentHandedIn d) {
            return assignment(session, profile, e, d);
        } else if (data instanceof EventData.BadgeSeen d) {
            return badgeSeen(session, e, d);
        }
        return notificationRead(session, e, (EventData.NotificationRead) data);
    }

    private Effect lessonOpened(Session session, Profile profile, IncomingEvent e, EventData.LessonOpened d) {
        Set<Plausibility.Flag> flags = flags(session, e, Optional.empty(), 0);
        return Effect.of(recorder.openLesson(profile, d.lessonId(), at(session, e), flags.isEmpty()), flags);
    }

    private Effect progress(Session session, Profile profile, IncomingEvent e, EventData.ProgressMade d) {
        Activity activity = activity(d.activityId());
        Set<Plausibility.Flag> flags = flags(session, e, Optional.empty(), 0);
        return Effect.of(recorder.recordProgress(profile, activity, d.percent(), at(session, e), flags.isEmpty()), flags);
    }

    private Effect quiz(Session session, Profile profile, IncomingEvent e, EventData.QuizAnswered d) {
        Activity activity = activity(d.activityId());
        Set<Plausibility.Flag> flags = flags(session, e, Optional.of(Duration.between(d.startedAt(), e.deviceTime())), activity.questions().size());
        SubmissionResult r = recorder.answerQuiz(profile, activity, d.clientSubmissionId(), d.answers(), at(session, e), flags.isEmpty());
        return new Effect(SyncResults.of(r), flags, r.earnedAnything());
    }

    private Effect assignment(Session session, Profile profile, IncomingEvent e, EventData.AssignmentHandedIn d) {
        Activity activity = activity(d.activityId());
        if (activity.type() != ActivityType.ASSIGNMENT) {
            throw new Refused("activity " + activity.id() + " is a " + activity.type() + ", not an assignment");
        }
        Set<Plausibility.Flag> flags = flags(session, e, Optional.empty(), 0);
        IssuedFiles.Issued issued = files.answerOf(profile.userId(), d.fileRef()).orElseThrow(() -> new Refused(unknownFile(d.fileRef())));
        if (issued instanceof IssuedFiles.Uploading uploading) {
            throw new Waits(uploading, activity.id(), flags);
        }
        if (issued instanceof IssuedFiles.Expired expired) {
            throw new Refused(expired(expired.uploadId(), expired.expiredAt()));
        }
        HandinResult handin = recorder.handIn(profile, activity, ((IssuedFiles.Ready) issued).file(), e.id(), at(session, e), flags.isEmpty());
        return new Effect(SyncResults.of(handin), flags, handin.earnedAnything());
    }

    private static String unknownFile(UUID ref) {
        return "fileRef " + ref + " is neither a file nor an upload of this student's: hand in the id the server gave the"
                + " student's upload (POST /files, or a resumable upload under /files/uploads)";
    }

    private static String expired(UUID upload, OffsetDateTime at) {
        return "upload " + upload + " expired at " + at + " before its last byte arrived; upload the file again and hand in the new one";
    }

    // --- events that waited for their file ---

    /**
     * Applies (or rejects, when the upload will never complete) this student's events that wait for upload
     * {@code uploadId}. Under the student's lock, each is read as committed and settled with the deletion of its
     * waiting row, in one transaction: an upload's completion, a sweep on another instance and a retried batch
     * cannot apply an event twice.
     *
     * @return how many events were settled
     */
    public int settleWaiting(UUID userId, UUID uploadId) {
        Profile profile = recorder.lockLearner(userId);
        List<WaitingEvent> waiting = em.createNamedQuery(WaitingEvent.OF_UPLOAD, WaitingEvent.class)
                .setParameter("upload", uploadId).setParameter("user", userId).getResultList();
        if (waiting.isEmpty()) {
            return 0;
        }
        Optional<IssuedFiles.Issued> issued = files.answerOf(userId, uploadId);
        if (issued.isPresent() && issued.get() instanceof IssuedFiles.Uploading) {
            return 0; // not yet
        }
        int settled = 0;
        int rejected = 0;
        boolean earned = false;
        for (WaitingEvent w : waiting) {
            SyncEvent event = em.find(SyncEvent.class, w.eventId());
            em.remove(w);
            if (event == null || !event.isWaiting()) {
                continue;
            }
            settled++;
            Optional<Activity> activity = recorder.publishedActivity(w.activityId());
            if (issued.isPresent() && issued.get() instanceof IssuedFiles.Ready ready && activity.isPresent()) {
                OffsetDateTime at = event.deviceTime().isAfter(event.receivedAt()) ? event.receivedAt() : event.deviceTime();
                try {
                    HandinResult handin = recorder.handIn(profile, activity.get(), ready.file(), event.id(), at, w.flags().isEmpty());
                    event.appliedAfterWaiting(w.flags(), SyncResults.of(handin));
                    earned |= handin.earnedAnything();
                } catch (SparkException refused) {
                    event.rejectedAfterWaiting(refused.getMessage());
                    rejected++;
                }
            } else {
                rejected++;
                event.rejectedAfterWaiting(activity.isEmpty() ? "no published activity with id " + w.activityId()
                        : issued.isPresent() && issued.get() instanceof IssuedFiles.Expired x ? expired(uploadId, x.expiredAt())
                        : "upload " + uploadId + " ended before its last byte arrived (it expired, was ended, or its file was refused);"
                        + " upload the file again and hand in the new one");
            }
        }
        if (earned) {
            standingChanged.fire(new StandingChanged(userId));
        } else if (settled > rejected) {
            progressRecorded.fire(new ProgressRecorded(userId));
        }
        return settled;
    }

    // --- housekeeping events: no XP, so no plausibility check; a time never goes past the arrival ---

    private Effect badgeSeen(Session session, IncomingEvent e, EventData.BadgeSeen d) {
        UUID scope = d.scopeId();
        int seen = em.createNativeQuery("UPDATE student_badges SET seen_at = LEAST(COALESCE(seen_at, ?1), ?1)"
                        + " WHERE student_id = ?2 AND badge = ?3" + (scope == null ? "" : " AND scope_id = ?4"))
                .setParameter(1, at(session, e)).setParameter(2, session.userId()).setParameter(3, d.badge())
                .setParameter(4, scope == null ? session.userId() : scope).executeUpdate();
        if (seen == 0) {
            throw new Refused("no badge " + d.badge() + (scope == null ? "" : " for " + scope) + " has been earned by this student");
        }
        return new Effect(EventOutcome.builder().with("badge", d.badge()).with("badgesSeen", seen).build(), Set.of());
    }

    private Effect notificationRead(Session session, IncomingEvent e, EventData.NotificationRead d) {
        UUID id = d.notificationId();
        int read = em.createNativeQuery("UPDATE user_notifications SET is_read = true, read_at = LEAST(COALESCE(read_at, ?1), ?1)"
                        + " WHERE id = ?2 AND user_id = ?3")
                .setParameter(1, at(session, e)).setParameter(2, id).setParameter(3, session.userId()).executeUpdate();
        if (read == 0) {
            throw new Refused("no notification " + id + " for this student (it may have been deleted)");
        }
        return new Effect(EventOutcome.builder().with("notificationId", id.toString()).build(), Set.of());
    }

    // --- helpers ---

    private Set<Plausibility.Flag> flags(Session session, IncomingEvent e, Optional<Duration> answering, int questions) {
        return settings.plausibility().check(e.deviceTime(), session.receivedAt(),
                session.registeredAt().getOrDefault(e.deviceId(), session.receivedAt()), answering, questions);
    }

    /** When the learning happened: the device's time, but never after the server received it. */
    private static OffsetDateTime at(Session session, IncomingEvent e) {
        return e.deviceTime().isAfter(session.receivedAt()) ? session.receivedAt() : e.deviceTime();
    }

    private Activity activity(UUID id) {
        return recorder.publishedActivity(id).orElseThrow(() -> new Refused("no published activity with id " + id));
    }
}
