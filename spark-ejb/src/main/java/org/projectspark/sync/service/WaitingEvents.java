package org.projectspark.sync.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.maintenance.service.MaintenanceJob;
import org.projectspark.maintenance.service.ScheduledTask;
import org.projectspark.media.service.UploadCompleted;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Offline events that wait for their file are settled when it arrives: at once, when the upload completes on this
 * instance; and hourly for every upload that completed (should that moment have been missed: an instance stopped
 * in between), expired or ended, whose events are then applied or rejected with the reason. Each upload's events are
 * settled in a transaction of their own ({@link EventApplier#settleWaiting}), once whoever gets there first.
 */
@Stateless
@Local(ScheduledTask.class)
@LocalBean // the observer is a business method too, beside the task's interface
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WaitingEvents implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(WaitingEvents.class.getName());

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    EventApplier applier;

    @Override
    public MaintenanceJob job() {
        return MaintenanceJob.SETTLE_WAITING_EVENTS;
    }

    /** Every upload whose waiting events can be settled now, settled; a short account for the run's record. */
    @Override
    public String run(Instant at) {
        List<?> rows = em.createNativeQuery("SELECT DISTINCT CAST(w.user_id AS text), CAST(w.upload_id AS text) FROM sync_waiting_events w"
                + " LEFT JOIN file_uploads u ON u.id = w.upload_id"
                + " WHERE u.id IS NULL OR u.file_id IS NOT NULL OR u.expires_at < now()").getResultList();
        int settled = 0;
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            settled += applier.settleWaiting(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]));
        }
        return rows.size() + " uploads completed, expired or ended; " + settled + " events that waited for them settled";
    }

    /**
     * The upload's events are applied now, after its file's transaction. A failure is logged and left to the hourly
     * run: the file is made whatever happens here.
     */
    public void uploadCompleted(@Observes UploadCompleted completed) {
        try {
            applier.settleWaiting(completed.ownerId(), completed.uploadId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Events waiting for upload " + completed.uploadId() + " are left to the hourly settle-waiting-events", e);
        }
    }
}
