package org.projectspark.translation.service;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.projectspark.platform.startup.Instance;
import org.projectspark.translation.domain.TargetLocale;
import org.projectspark.translation.domain.TranslatedText;
import org.projectspark.translation.domain.TranslationJob;
import org.projectspark.translation.persistence.TranslationRepository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of a running job, each its own short transaction (the runner calls them from outside any): no
 * transaction or connection is held while the provider thinks.
 */
@Stateless
public class TranslationWork {

    @Inject
    TranslationRepository translations;

    /** What a job sends: each distinct source text once (hash to text), in the provider's language codes. */
    public record Batch(String source, String target, Map<String, String> texts) {
    }

    /** Starts the job; empty when it is no longer to run (closed meanwhile). */
    public Optional<Batch> start(UUID jobId) {
        Optional<TranslationJob> job = translations.job(jobId).filter(j -> j.status().active());
        job.ifPresent(TranslationJob::start);
        return job.map(j -> {
            Map<String, String> texts = new LinkedHashMap<>();
            translations.pendingOf(jobId).forEach(t -> texts.putIfAbsent(t.sourceHash(), t.sourceText()));
            return new Batch(Locale.forLanguageTag(j.sourceLocale()).getLanguage(), TargetLocale.of(j.locale()).language(), texts);
        });
    }

    /** The provider's answer for one source text, given to every text of the job still waiting for it. */
    public void record(UUID jobId, String sourceHash, LibreTranslate.Answer answer) {
        translations.job(jobId).ifPresent(job -> {
            List<TranslatedText> texts = translations.pendingOf(jobId, sourceHash);
            texts.forEach(t -> {
                if (answer.ok()) {
                    t.translated(answer.text());
                } else {
                    t.failed(answer.failure());
                }
            });
            job.called(texts.size(), answer.ok());
        });
    }

    public void finish(UUID jobId) {
        translations.job(jobId).ifPresent(job -> {
            int left = translations.pendingOf(jobId).size();
            if (left > 0) {
                stop(job, "the job ended with texts not sent", left);
            } else {
                job.finish();
            }
        });
    }

    /** Stops the job: the texts not sent yet fail with the job's reason. */
    public void stop(UUID jobId, String why) {
        translations.job(jobId).ifPresent(job -> stop(job, why, -1));
    }

    private void stop(TranslationJob job, String why, int known) {
        List<TranslatedText> left = translations.pendingOf(job.id());
        left.forEach(t -> t.failed(why));
        job.fail(why, known >= 0 ? known : left.size());
    }

    /** Closes the jobs this instance was running when it stopped; how many. */
    public int interruptedAtStart() {
        List<TranslationJob> jobs = translations.activeJobsOn(Instance.name());
        jobs.forEach(j -> stop(j, "the translation job was interrupted (the server stopped); ask again to translate what is left", -1));
        return jobs.size();
    }
}
