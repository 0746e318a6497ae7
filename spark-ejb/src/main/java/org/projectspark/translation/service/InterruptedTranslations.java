package org.projectspark.translation.service;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.logging.Logger;

/** Closes the translation jobs this instance was running when it last stopped, once the schema is migrated. */
@Startup
@Singleton
@DependsOn("SparkStartup")
public class InterruptedTranslations {

    private static final Logger LOG = Logger.getLogger(InterruptedTranslations.class.getName());

    @EJB
    TranslationWork work;

    @PostConstruct
    void closeInterrupted() {
        int closed = work.interruptedAtStart();
        if (closed > 0) {
            LOG.warning(closed + " translation jobs were interrupted when this instance stopped; marked FAILED (teachers ask again)");
        }
    }
}
