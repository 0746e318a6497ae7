package org.projectspark.sync.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.startup.Instance;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The bookkeeping around a batch too big for one transaction, each step in its own short transaction so it stays
 * true whatever happens to the upload: the device registered and the session opened IN_PROGRESS, then closed
 * COMPLETED (the device's upload cursor moved) or FAILED. Sessions a crashed instance left IN_PROGRESS are closed
 * when it starts again, and by the nightly purge for an instance that never comes back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SyncSessions {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    SyncRecords records;

    public enum Source { API, BUNDLE }

    /** Registers the device if new (at sign-in, or its first upload); when it was registered. */
    public OffsetDateTime register(UUID userId, String deviceId, String label) {
        return records.register(userId, deviceId, label);
    }

    /** Registers the device if new and opens the session IN_PROGRESS; when the device was registered. */
    public OffsetDateTime begin(UUID receipt, UUID userId, String deviceId, Source source, long bytes, int events) {
        OffsetDateTime registered = records.register(userId, deviceId, null);
        records.open(receipt, userId, deviceId, source, bytes, events);
        return registered;
    }

    /** Closes the session COMPLETED and moves the device's upload cursor; the cursor. */
    public long finish(UUID receipt, UUID userId, String deviceId, long durationMs) {
        records.completed(receipt, durationMs);
        return records.synced(userId, deviceId, receipt);
    }

    public void failed(UUID receipt, UUID userId, String deviceId, Source source, long bytes, int events, long durationMs, String error) {
        records.failed(receipt, userId, deviceId, source, bytes, events, durationMs, error);
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

    /** Sessions closed in the last hour: completed, failed (the partial index on finished sessions serves it). */
    public long[] closedLastHour() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED')"
                + " FROM sync_logs WHERE status IN ('COMPLETED', 'FAILED') AND created_at > now() - interval '1 hour'").getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    public void bundleImported(UUID bundleId) {
        em.createNativeQuery("UPDATE sync_bundles SET imports = imports + 1, last_import_at = now() WHERE id = ?1")
                .setParameter(1, bundleId).executeUpdate();
    }
}
