package org.projectspark.sync.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.platform.startup.Instance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The bookkeeping around an upload, each step in its own short transaction so it stays true whatever happens to
 * the upload: the device is registered, a {@code sync_logs} row (the receipt) opened IN_PROGRESS, and closed
 * COMPLETED or FAILED with its duration. A session left IN_PROGRESS by a server that died is marked FAILED
 * ("interrupted") when the same device starts its next one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SyncSessions {

    /** A session older than this still IN_PROGRESS when the device starts another was interrupted. */
    private static final String STALE = "15 minutes";

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    public enum Source { API, BUNDLE }

    /** Registers the device if new and returns when it was registered (offline events before it are implausible). */
    public OffsetDateTime register(UUID userId, String deviceId, String label) {
        em.createNativeQuery("INSERT INTO sync_devices (user_id, device_id, label) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (user_id, device_id) DO UPDATE SET label = COALESCE(EXCLUDED.label, sync_devices.label)")
                .setParameter(1, userId).setParameter(2, deviceId).setParameter(3, label).executeUpdate();
        return SqlValues.instant(em.createNativeQuery("SELECT registered_at FROM sync_devices WHERE user_id = ?1 AND device_id = ?2")
                .setParameter(1, userId).setParameter(2, deviceId).getSingleResult());
    }

    /** A session just opened: its receipt, and when the device was registered. */
    public record Opened(UUID receiptId, OffsetDateTime registeredAt) {
    }

    /** Registers the device if new and opens the session, in one transaction. */
    public Opened begin(UUID userId, String deviceId, Source source, long bytes, int events) {
        OffsetDateTime registered = register(userId, deviceId, null);
        return new Opened(open(userId, deviceId, source, bytes, events), registered);
    }

    /** Moves the device's upload cursor forward and closes the session COMPLETED, in one transaction. */
    public long finish(UUID receipt, UUID userId, String deviceId, long durationMs) {
        long heldThrough = advanceHeldThrough(userId, deviceId);
        completed(receipt, userId, deviceId, durationMs);
        return heldThrough;
    }

    private UUID open(UUID userId, String deviceId, Source source, long bytes, int events) {
        em.createNativeQuery("UPDATE sync_logs SET status = 'FAILED', completed_at = now(),"
                        + " error = 'interrupted before it finished (server stopped or connection lost); the device retried'"
                        + " WHERE user_id = ?1 AND device_id = ?2 AND status = 'IN_PROGRESS' AND created_at < now() - CAST('" + STALE + "' AS interval)")
                .setParameter(1, userId).setParameter(2, deviceId).executeUpdate();
        UUID receipt = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO sync_logs (id, user_id, device_id, status, bytes_received, events_received, source, instance)"
                        + " VALUES (?1, ?2, ?3, 'IN_PROGRESS', ?4, ?5, ?6, ?7)")
                .setParameter(1, receipt).setParameter(2, userId).setParameter(3, deviceId).setParameter(4, bytes)
                .setParameter(5, events).setParameter(6, source.name()).setParameter(7, Instance.name()).executeUpdate();
        return receipt;
    }

    /**
     * At start: this instance's sessions still IN_PROGRESS were cut off when it stopped (a crash, a kill -9). What
     * they committed stays; their devices resend and get duplicates for it.
     */
    public int interruptedAtStart() {
        return em.createNativeQuery("UPDATE sync_logs SET status = 'FAILED', completed_at = now(),"
                        + " error = 'interrupted: the server stopped while applying it; what was committed stays, the device resends the rest'"
                        + " WHERE status = 'IN_PROGRESS' AND instance = ?1")
                .setParameter(1, Instance.name()).executeUpdate();
    }

    private void completed(UUID receipt, UUID userId, String deviceId, long durationMs) {
        em.createNativeQuery("UPDATE sync_logs SET status = 'COMPLETED', completed_at = now(), duration_ms = ?2 WHERE id = ?1")
                .setParameter(1, receipt).setParameter(2, durationMs).executeUpdate();
        em.createNativeQuery("UPDATE sync_devices SET last_synced_at = now(), last_receipt_id = ?3 WHERE user_id = ?1 AND device_id = ?2")
                .setParameter(1, userId).setParameter(2, deviceId).setParameter(3, receipt).executeUpdate();
    }

    public void failed(UUID receipt, long durationMs, String error) {
        em.createNativeQuery("UPDATE sync_logs SET status = 'FAILED', completed_at = now(), duration_ms = ?2, error = ?3 WHERE id = ?1")
                .setParameter(1, receipt).setParameter(2, durationMs).setParameter(3, error).executeUpdate();
    }

    public void bundleImported(UUID bundleId) {
        em.createNativeQuery("UPDATE sync_bundles SET imports = imports + 1, last_import_at = now() WHERE id = ?1")
                .setParameter(1, bundleId).executeUpdate();
    }

    /**
     * The highest sequence number up to which the server holds every event of the device (counting from 1): the
     * device may forget those and resend only what comes after. Kept on the device row and moved forward from
     * there, so it costs only the events above it.
     */
    private long advanceHeldThrough(UUID userId, String deviceId) {
        Object stored = em.createNativeQuery("SELECT held_through FROM sync_devices WHERE user_id = ?1 AND device_id = ?2 FOR UPDATE")
                .setParameter(1, userId).setParameter(2, deviceId).getResultStream().findFirst().orElse(null);
        if (stored == null) {
            return 0;
        }
        long through = ((Number) stored).longValue();
        long before = through;
        List<?> above = em.createNativeQuery("SELECT DISTINCT sequence FROM sync_events WHERE user_id = ?1 AND device_id = ?2"
                        + " AND sequence > ?3 ORDER BY sequence LIMIT 100000")
                .setParameter(1, userId).setParameter(2, deviceId).setParameter(3, through).getResultList();
        for (Object s : above) {
            long seq = ((Number) s).longValue();
            if (seq != through + 1) {
                break;
            }
            through = seq;
        }
        if (through != before) {
            em.createNativeQuery("UPDATE sync_devices SET held_through = ?3 WHERE user_id = ?1 AND device_id = ?2")
                    .setParameter(1, userId).setParameter(2, deviceId).setParameter(3, through).executeUpdate();
        }
        return through;
    }
}
