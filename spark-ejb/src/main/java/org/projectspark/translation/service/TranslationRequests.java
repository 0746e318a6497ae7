package org.projectspark.translation.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.domain.CourseText;
import org.projectspark.curriculum.service.Author;
import org.projectspark.curriculum.service.CourseAuthoring;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.startup.Instance;
import org.projectspark.translation.domain.SourceHash;
import org.projectspark.translation.domain.TargetLocale;
import org.projectspark.translation.domain.TranslatedText;
import org.projectspark.translation.domain.TranslationJob;
import org.projectspark.translation.persistence.TranslationRepository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A course's author (or an admin) asks for a machine translation of the course or one of its lessons: the texts
 * that hold no translation of their current source yet are queued for the provider, the others are left as they
 * are, and the provider is called after the commit ({@link TranslationRunner}). Who may ask is who may change the
 * course ({@link CourseAuthoring#editable}): publishing a translation changes what students read.
 */
@Stateless
public class TranslationRequests {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    CourseAuthoring authoring;

    @Inject
    TranslationRepository translations;

    @Inject
    TranslationSettings settings;

    @Inject
    Event<TranslationRequested> requested;

    public TranslationJob request(UUID courseId, String locale, Optional<UUID> lessonId, Author author) {
        if (!settings.enabled()) {
            throw new TranslationUnavailableException();
        }
        TargetLocale target = TargetLocale.of(locale);
        Course course = authoring.editable(courseId, author);
        // two teachers asking at once: the second waits here and then finds the first one's job
        em.lock(course, LockModeType.PESSIMISTIC_WRITE);
        String source = course.defaultLocale();
        if (target.language().equals(Locale.forLanguageTag(source).getLanguage())) {
            throw new InvalidRequestException("locale '" + target + "' is the language the course is written in ('" + source + "')");
        }
        List<CourseText> texts = lessonId.map(id -> course.lessonTexts(id)
                        .orElseThrow(() -> new NotFoundException("No lesson with id " + id + " in course " + courseId)))
                .orElseGet(course::texts);
        Optional<TranslationJob> running = translations.activeJob(courseId, target.tag());
        if (running.isPresent() && !running.get().abandoned(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new ConflictException("A translation of this course into '" + target + "' is running (job " + running.get().id() + ")");
        }
        running.ifPresent(this::closeAbandoned);

        TranslationJob job = TranslationJob.queued(courseId, lessonId, target.tag(), source, author.userId(), Instance.name());
        translations.add(job);
        Map<String, TranslatedText> byPath = translations.ofLocale(courseId, target.tag()).stream()
                .collect(Collectors.toMap(TranslatedText::path, Function.identity()));
        // drafts of this locale by the text they translate: a text written twice in the course is sent once
        Map<String, TranslatedText.Draft> drafts = new HashMap<>();
        byPath.values().stream().map(TranslatedText::draft).flatMap(Optional::stream).forEach(d -> drafts.putIfAbsent(d.sourceHash(), d));
        int total = 0;
        int reused = 0;
        int queued = 0;
        for (CourseText text : texts) {
            Optional<String> sourceText = text.text().exactly(source);
            if (sourceText.isEmpty()) {
                continue; // written in other languages only: nothing to translate from
            }
            total++;
            TranslatedText row = byPath.get(text.path());
            if (row != null && row.translates(sourceText.get())) {
                reused++;
                continue;
            }
            if (row == null) {
                row = TranslatedText.pending(courseId, target.tag(), text.path(), source, sourceText.get(), job.id());
                translations.add(row);
            } else {
                row.queue(source, sourceText.get(), job.id());
            }
            TranslatedText.Draft same = drafts.get(SourceHash.of(sourceText.get()));
            if (same != null) {
                row.reuse(same);
                reused++;
            } else {
                queued++;
            }
        }
        job.counted(total, reused, queued);
        if (queued > 0) {
            requested.fire(new TranslationRequested(job.id()));
        }
        return job;
    }

    private void closeAbandoned(TranslationJob job) {
        List<TranslatedText> left = translations.pendingOf(job.id());
        String why = "the translation job was abandoned (its server stopped and did not come back)";
        left.forEach(t -> t.failed(why));
        job.fail(why, left.size());
        em.flush(); // before the new job takes the course and locale (one active job each, a unique index)
    }
}
