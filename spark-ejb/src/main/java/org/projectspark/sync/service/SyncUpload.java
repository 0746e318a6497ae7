package org.projectspark.sync.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.platform.error.RetryLaterException;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An upload of one device's events: registered, logged as a sync session (its id is the receipt), applied in
 * chunks of {@code SYNC_CHUNK_EVENTS} events, each chunk its own transaction. A chunk that meets a deadlock or a
 * concurrent first write of the same event id is retried; an upload that still fails is answered 503 and its
 * session FAILED, and what was committed before stays: the device resends the batch and those events come back
 * as duplicates with their first results.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncUpload {

    private static final Logger LOG = Logger.getLogger(SyncUpload.class.getName());
    private static final int ATTEMPTS = 4;

    @EJB
    SyncSessions sessions;

    @EJB
    EventApplier applier;

    @Inject
    SyncSettings settings;

    @Inject
    Event<OfflineWorkNeedsReview> needsReview;

    /**
     * What the server did with an upload, in the order the events were sent. {@code waiting}: events held until the
     * file they name arrives (held all the same: they count in {@code heldThrough}).
     */
    public record Receipt(UUID receiptId, String deviceId, int received, int applied, int duplicate, int rejected, int waiting,
                          long heldThrough, List<EventResult> results) {
    }

    public Receipt upload(UUID userId, String deviceId, List<IncomingEvent> events, long bytes, SyncSessions.Source source) {
        return upload(userId, deviceId, events, bytes, source, null);
    }

    /**
     * @param offlineSince for a bundle, when its export was made: the school's devices were registered with the
     *                     teacher's app after it, so events since then are plausible even for a device the server
     *                     sees for the first time
     */
    public Receipt upload(UUID userId, String deviceId, List<IncomingEvent> events, long bytes, SyncSessions.Source source,
                          OffsetDateTime offlineSince) {
        long started = System.nanoTime();
        UUID receipt = UUID.randomUUID();
        if (events.size() <= settings.chunkEvents()) {
            Receipt done;
            try {
                done = retrying(receipt, () -> applier.applyAlone(receipt, userId, deviceId, events, bytes, source, offlineSince, started));
            } catch (RuntimeException e) {
                throw failed(receipt, userId, deviceId, source, bytes, events.size(), started, 0, e);
            }
            return announced(userId, done);
        }
        EventApplier.Session session = EventApplier.Session.of(receipt, userId, deviceId,
                sessions.begin(receipt, userId, deviceId, source, bytes, events.size()), offlineSince);
        List<EventResult> results = new ArrayList<>(events.size());
        try {
            for (int from = 0; from < events.size(); from += settings.chunkEvents()) {
                List<IncomingEvent> chunk = events.subList(from, Math.min(events.size(), from + settings.chunkEvents()));
                results.addAll(retrying(receipt, () -> applier.apply(session, chunk)));
            }
        } catch (RuntimeException e) {
            throw failed(receipt, userId, deviceId, source, bytes, events.size(), started, results.size(), e);
        }
        long heldThrough = sessions.finish(receipt, userId, deviceId, millisSince(started));
        int applied = count(results, EventResult.Status.APPLIED);
        int duplicate = count(results, EventResult.Status.DUPLICATE);
        int waiting = count(results, EventResult.Status.WAITING);
        return announced(userId, new Receipt(receipt, deviceId, events.size(), applied, duplicate, events.size() - applied - duplicate - waiting,
                waiting, heldThrough, results));
    }

    /** Tells the student and their teachers of events refused or flagged in this upload (not of duplicates). */
    private Receipt announced(UUID userId, Receipt r) {
        int flagged = (int) r.results().stream().filter(e -> e.status() == EventResult.Status.APPLIED && !e.flags().isEmpty()).count();
        if (r.rejected() > 0 || flagged > 0) {
            try {
                needsReview.fire(new OfflineWorkNeedsReview(userId, r.receiptId(), r.rejected(), flagged));
            } catch (RuntimeException e) {
                // the upload is committed and its receipt must reach the device; the notice is not worth failing it
                LOG.log(Level.WARNING, "could not notify about sync session " + r.receiptId(), e);
            }
        }
        return r;
    }

    private RetryLaterException failed(UUID receipt, UUID userId, String deviceId, SyncSessions.Source source, long bytes, int events,
                                       long started, int done, RuntimeException e) {
        LOG.log(Level.WARNING, "sync session " + receipt + " failed after " + done + " events", e);
        sessions.failed(receipt, userId, deviceId, source, bytes, events, millisSince(started),
                "failed after " + done + " of " + events + " events: " + rootMessage(e));
        return new RetryLaterException("the upload stopped after " + done + " of " + events
                + " events (receipt " + receipt + "); send the same batch again: events already applied are answered"
                + " as duplicates with their first results", 5);
    }

    private <T> T retrying(UUID receipt, java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                LOG.fine(() -> "retrying a sync transaction of session " + receipt + ": " + rootMessage(e));
            }
        }
    }

    /** Deadlock, serialization failure, or another account's concurrent first write of the same event id. */
    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("40P01".equals(s.getSQLState()) || "40001".equals(s.getSQLState()) || "23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return m.length() > 500 ? m.substring(0, 500) : m;
    }

    private static int count(List<EventResult> results, EventResult.Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
