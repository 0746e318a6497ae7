package org.projectspark.translation.service;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a committed job on the server's managed executor, outside the request that asked for it: each distinct
 * source text is sent once, its answer written in a transaction of its own. A job runs its texts one after another;
 * {@link LibreTranslate} bounds the calls of all jobs together.
 */
@Stateless
public class TranslationRunner {

    private static final Logger LOG = Logger.getLogger(TranslationRunner.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @EJB
    TranslationWork work;

    @Inject
    LibreTranslate provider;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void requested(@Observes(during = TransactionPhase.AFTER_SUCCESS) TranslationRequested requested) {
        UUID jobId = requested.jobId();
        TranslationWork steps = work;
        LibreTranslate client = provider;
        try {
            executor.submit(() -> run(jobId, steps, client));
        } catch (RejectedExecutionException e) {
            LOG.warning("Translation job " + jobId + " was not started: the server's executor is full");
            steps.stop(jobId, "the server was too busy to start the job; ask again later");
        }
    }

    private static void run(UUID jobId, TranslationWork work, LibreTranslate provider) {
        try {
            var batch = work.start(jobId);
            if (batch.isEmpty()) {
                return;
            }
            for (Map.Entry<String, String> text : batch.get().texts().entrySet()) {
                LibreTranslate.Answer answer = provider.translate(text.getValue(), batch.get().source(), batch.get().target());
                if (answer.stopJob()) {
                    work.record(jobId, text.getKey(), answer);
                    work.stop(jobId, answer.failure());
                    return;
                }
                record(work, jobId, text.getKey(), answer);
            }
            work.finish(jobId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work.stop(jobId, "the translation job was interrupted (the server is stopping); ask again to translate what is left");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Translation job " + jobId + " stopped on an unexpected failure", e);
            work.stop(jobId, "the translation job stopped on an unexpected failure; ask again to translate what is left");
        }
    }

    /** An author's change to the same texts can commit in between (they turn STALE): read them again once. */
    private static void record(TranslationWork work, UUID jobId, String hash, LibreTranslate.Answer answer) {
        try {
            work.record(jobId, hash, answer);
        } catch (RuntimeException conflict) {
            work.record(jobId, hash, answer);
        }
    }
}
