package org.projectspark.sync.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.platform.startup.Instance;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The rows around an upload (device, session log), written in the caller's transaction: {@link SyncSessions} gives
 * each step its own for big batches, {@link EventApplier} writes them with the events of a batch that fits in one.
 */
@ApplicationScoped
public class SyncRecords {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    /** Registers the device if new and returns when it was registered (offline events before it are implausible). */
    public OffsetDateTime register(UUID userId, String deviceId, String label) {
        return SqlValues.instant(em.createNativeQuery("INSERT INTO sync_devices (user_id, device_id, label) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (user_id, device_id) DO UPDATE SET label = COALESCE(EXCLUDED.label, sync_devices.label)"
                        + " RETURNING registered_at")
                .setParameter(1, userId).setParameter(2, deviceId).setParameter(3, label).getSingleResult());
    }

    /** The session's log row (its id is the receipt): IN_PROGRESS while a big batch applies. */
    public void open(UUID receipt, UUID userId, String deviceId, SyncSessions.Source source, long bytes, int events) {
        em.createNativeQuery(INSERT_LOG).setParameter(1, receipt).setParameter(2, userId).setParameter(3, deviceId)
                .setParameter(4, "IN_PROGRESS").setParameter(5, bytes).setParameter(6, events).setParameter(7, source.name())
                .setParameter(8, Instance.name()).setParameter(9, 0).setParameter(10, 0).setParameter(11, 0)
                .setParameter(12, null).setParameter(13, 0).executeUpdate();
    }

    public void count(UUID receipt, int[] counts) {
        em.createNativeQuery("UPDATE sync_logs SET events_applied = events_applied + ?1, events_duplicate = events_duplicate + ?2,"
                        + " events_rejected = events_rejected + ?3, events_waiting = events_waiting + ?5 WHERE id = ?4")
                .setParameter(1, counts[0]).setParameter(2, counts[1]).setParameter(3, counts[2]).setParameter(4, receipt)
                .setParameter(5, counts[3]).executeUpdate();
    }

    public void completed(UUID receipt, long durationMs) {
        em.createNativeQuery("UPDATE sync_logs SET status = 'COMPLETED', completed_at = now(), duration_ms = ?2 WHERE id = ?1")
                .setParameter(1, receipt).setParameter(2, durationMs).executeUpdate();
    }

    /**
     * Records the device's sync and moves its upload cursor: the highest sequence up to which every event of the device
     * is held (counting from 1; the device may forget those). Moved forward from the stored value over the events above
     * it only (the first run of consecutive sequences), in one statement that also locks the device row.
     */
    public long synced(UUID userId, String deviceId, UUID receipt) {
        return heldThrough(em.createNativeQuery(SYNCED).setParameter(1, receipt).setParameter(2, userId).setParameter(3, deviceId));
    }

    /**
     * A batch applied in one transaction: its session's log row written COMPLETED and the device's sync recorded as
     * {@link #synced} does, in one statement (one round trip to the database less for every upload).
     */
    public long completedAndSynced(UUID receipt, UUID userId, String deviceId, SyncSessions.Source source, long bytes, int events,
                                   int[] counts, long durationMs) {
        return heldThrough(em.createNativeQuery("WITH log AS (" + INSERT_LOG + ") " + SYNCED)
                .setParameter(1, receipt).setParameter(2, userId).setParameter(3, deviceId).setParameter(4, "COMPLETED")
                .setParameter(5, bytes).setParameter(6, events).setParameter(7, source.name()).setParameter(8, Instance.name())
                .setParameter(9, counts[0]).setParameter(10, counts[1]).setParameter(11, counts[2]).setParameter(12, durationMs)
                .setParameter(13, counts[3]));
    }

    /**
     * ?1 receipt, ?2 user, ?3 device, ?4 status, ?5 bytes, ?6 events received, ?7 source, ?8 instance, ?9-?11 counts
     * (applied, duplicate, rejected), ?12 duration, ?13 waiting.
     */
    private static final String INSERT_LOG = "INSERT INTO sync_logs (id, user_id, device_id, status, bytes_received, events_received,"
            + " source, instance, events_applied, events_duplicate, events_rejected, duration_ms, completed_at, events_waiting)"
            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, CASE WHEN ?4 = 'COMPLETED' THEN now() END, ?13)";

    /** ?1 receipt, ?2 user, ?3 device. */
    private static final String SYNCED = "UPDATE sync_devices d SET last_synced_at = now(), last_receipt_id = ?1,"
            + " held_through = COALESCE((SELECT max(r.sequence) FROM (SELECT a.sequence, a.sequence - row_number() OVER (ORDER BY a.sequence) AS k"
            + " FROM (SELECT DISTINCT e.sequence FROM sync_events e WHERE e.user_id = d.user_id AND e.device_id = d.device_id"
            + " AND e.sequence > d.held_through) a) r WHERE r.k = d.held_through), d.held_through)"
            + " WHERE d.user_id = ?2 AND d.device_id = ?3 RETURNING d.held_through";

    private static long heldThrough(Query query) {
        return ((Number) query.getResultStream().findFirst().orElse(0L)).longValue();
    }

    /** The session failed: its row says why (written even when the failed transaction took the row with it). */
    public void failed(UUID receipt, UUID userId, String deviceId, SyncSessions.Source source, long bytes, int events,
                       long durationMs, String error) {
        em.createNativeQuery("INSERT INTO sync_logs (id, user_id, device_id, status, bytes_received, events_received, source, instance,"
                        + " duration_ms, error, completed_at) VALUES (?1, ?2, ?3, 'FAILED', ?4, ?5, ?6, ?7, ?8, ?9, now())"
                        + " ON CONFLICT (id) DO UPDATE SET status = 'FAILED', completed_at = now(), duration_ms = EXCLUDED.duration_ms,"
                        + " error = EXCLUDED.error")
                .setParameter(1, receipt).setParameter(2, userId).setParameter(3, deviceId).setParameter(4, bytes).setParameter(5, events)
                .setParameter(6, source.name()).setParameter(7, Instance.name()).setParameter(8, durationMs).setParameter(9, error)
                .executeUpdate();
    }
}
