package org.projectspark.sync.service;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.logging.Logger;

/** Closes the sync sessions this instance was applying when it last stopped, once the schema is migrated. */
@Startup
@Singleton
@DependsOn("SparkStartup")
public class InterruptedSyncs {

    private static final Logger LOG = Logger.getLogger(InterruptedSyncs.class.getName());

    @EJB
    SyncSessions sessions;

    @PostConstruct
    void closeInterrupted() {
        int closed = sessions.interruptedAtStart();
        if (closed > 0) {
            LOG.warning(closed + " sync sessions were interrupted when this instance stopped; marked FAILED (their devices resend)");
        }
    }
}
