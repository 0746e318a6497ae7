package org.projectspark.translation.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.translation.domain.TextStatus;
import org.projectspark.translation.domain.TranslatedText;
import org.projectspark.translation.domain.TranslationJob;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Translation jobs and the translated texts of courses. */
@ApplicationScoped
public class TranslationRepository {

    private static final int MAX_PAGE = 200;

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    public void add(TranslationJob job) {
        em.persist(job);
    }

    public void add(TranslatedText text) {
        em.persist(text);
    }

    public Optional<TranslationJob> job(UUID id) {
        return Optional.ofNullable(em.find(TranslationJob.class, id));
    }

    public Optional<TranslationJob> activeJob(UUID courseId, String locale) {
        return em.createNamedQuery(TranslationJob.ACTIVE_OF_COURSE, TranslationJob.class)
                .setParameter("course", courseId).setParameter("locale", locale).getResultStream().findFirst();
    }

    public List<TranslationJob> activeJobsOn(String instance) {
        return em.createNamedQuery(TranslationJob.ACTIVE_ON_INSTANCE, TranslationJob.class).setParameter("instance", instance).getResultList();
    }

    public Optional<TranslatedText> text(UUID id) {
        return Optional.ofNullable(em.find(TranslatedText.class, id));
    }

    /** Every translated text of a course in every locale (a course has hundreds of texts at most). */
    public List<TranslatedText> ofCourse(UUID courseId) {
        return em.createNamedQuery(TranslatedText.OF_COURSE, TranslatedText.class).setParameter("course", courseId).getResultList();
    }

    /** Every translated text of a course in one locale. */
    public List<TranslatedText> ofLocale(UUID courseId, String locale) {
        return em.createNamedQuery(TranslatedText.OF_LOCALE, TranslatedText.class)
                .setParameter("course", courseId).setParameter("locale", locale).getResultList();
    }

    /** A page of a course's texts in one locale, of one status when given, in path order. */
    public List<TranslatedText> page(UUID courseId, String locale, Optional<TextStatus> status, int offset, int limit) {
        var query = status.isPresent()
                ? em.createNamedQuery(TranslatedText.OF_LOCALE_WITH_STATUS, TranslatedText.class).setParameter("status", status.get())
                : em.createNamedQuery(TranslatedText.OF_LOCALE, TranslatedText.class);
        return query.setParameter("course", courseId).setParameter("locale", locale)
                .setFirstResult(offset).setMaxResults(Math.min(limit, MAX_PAGE)).getResultList();
    }

    public List<TranslatedText> pendingOf(UUID jobId) {
        return em.createNamedQuery(TranslatedText.PENDING_OF_JOB, TranslatedText.class).setParameter("job", jobId).getResultList();
    }

    public List<TranslatedText> pendingOf(UUID jobId, String sourceHash) {
        return em.createNamedQuery(TranslatedText.PENDING_OF_JOB_WITH_HASH, TranslatedText.class)
                .setParameter("job", jobId).setParameter("hash", sourceHash).getResultList();
    }
}
