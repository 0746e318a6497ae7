package org.projectspark.maintenance.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One non-persistent calendar timer per cadence on every instance, built from configuration; each firing
 * only hands its slot to {@link MaintenanceRunner}, which makes sure each job runs once per cluster.
 * Non-persistent: the once-per-cluster rule lives in the database, so no timer store needs to be shared.
 * NOT_SUPPORTED: a timeout in a JTA transaction would time out on long jobs and be retried by the container.
 * Bean-managed concurrency: the admin listing must not wait for a slot's jobs to finish.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceSchedule {

    private static final Logger LOG = Logger.getLogger(MaintenanceSchedule.class.getName());

    @Resource
    SessionContext context;

    @Inject
    MaintenanceSettings settings;

    @EJB
    MaintenanceRunner runner;

    @Inject
    MaintenanceMetrics metrics;

    @PostConstruct
    void start() {
        metrics.register();
        if (!settings.timersEnabled()) {
            LOG.warning("Maintenance timers are off (MAINTENANCE_TIMERS_ENABLED=false): jobs run only from the admin endpoints");
            return;
        }
        for (Cadence cadence : Cadence.values()) {
            MaintenanceCalendar calendar = settings.calendar(cadence);
            context.getTimerService().createCalendarTimer(calendar.expression(), new TimerConfig(cadence.name(), false));
            LOG.info(() -> "Maintenance " + calendar.describe() + ": " + MaintenanceJob.of(cadence).stream().map(MaintenanceJob::jobName).toList());
        }
    }

    @Timeout
    void fire(Timer timer) {
        Cadence cadence = Cadence.valueOf((String) timer.getInfo());
        try {
            runner.runSlot(cadence, settings.calendar(cadence).slotAt(Instant.now()));
        } catch (RuntimeException e) {
            // never let the container retry a whole slot: the jobs record their own failures
            LOG.log(Level.WARNING, "Maintenance slot " + cadence.label() + " failed", e);
        }
    }

    /** When this instance's timer for a cadence fires next (none while timers are off). */
    public Optional<Instant> nextRun(Cadence cadence) {
        for (Timer t : context.getTimerService().getTimers()) {
            try {
                if (cadence.name().equals(t.getInfo())) {
                    return Optional.of(t.getNextTimeout().toInstant());
                }
            } catch (EJBException e) {
                // cancelled while we looked (undeployment), or no further timeout
            }
        }
        return Optional.empty();
    }
}
