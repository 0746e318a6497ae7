package org.projectspark.translation.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.domain.CourseText;
import org.projectspark.curriculum.service.Author;
import org.projectspark.curriculum.service.CourseAuthoring;
import org.projectspark.curriculum.service.CourseChanged;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.translation.domain.TargetLocale;
import org.projectspark.translation.domain.TextStatus;
import org.projectspark.translation.domain.TranslatedText;
import org.projectspark.translation.domain.TranslationJob;
import org.projectspark.translation.persistence.TranslationRepository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The course's author (or an admin) reviews machine translations: reads the drafts, edits them, and publishes them
 * into the course, which bumps its content version so devices fetch it at their next sync. Nothing here needs the
 * provider: review works without TRANSLATION_API_KEY.
 */
@Stateless
public class TranslationReview {

    @EJB
    CourseAuthoring authoring;

    @Inject
    TranslationRepository translations;

    @Inject
    Event<CourseChanged> courseChanged;

    /** What publishing did: texts put into the course, and the course's content version now. */
    public record Published(int texts, int contentVersion) {
    }

    public TranslationJob job(UUID jobId, Author author) {
        TranslationJob job = translations.job(jobId).orElseThrow(() -> new NotFoundException("No translation job with id " + jobId));
        authoring.editable(job.courseId(), author);
        return job;
    }

    public List<TranslatedText> texts(UUID courseId, String locale, Optional<TextStatus> status, int offset, int limit, Author author) {
        TargetLocale target = TargetLocale.of(locale);
        authoring.editable(courseId, author);
        return translations.page(courseId, target.tag(), status, offset, limit);
    }

    /** A teacher's wording of one text, translating its source as the course has it now. */
    public TranslatedText edit(UUID courseId, String locale, UUID textId, String text, Author author) {
        TargetLocale target = TargetLocale.of(locale);
        Course course = authoring.editable(courseId, author);
        TranslatedText translated = translations.text(textId)
                .filter(t -> t.courseId().equals(courseId) && t.locale().equals(target.tag()))
                .orElseThrow(() -> new NotFoundException("No translated text with id " + textId + " in '" + target + "' of course " + courseId));
        String source = Optional.ofNullable(sources(course).get(translated.path()))
                .flatMap(c -> c.text().exactly(translated.sourceLocale()))
                .orElseThrow(() -> new ConflictException("The course no longer has the text this translates (" + translated.path() + ")"));
        translated.edit(text, source);
        return translated;
    }

    /**
     * Puts every reviewed draft of the locale whose source is unchanged into the course as that locale's text. A
     * draft whose source changed meanwhile is STALE and stays out.
     */
    public Published publish(UUID courseId, String locale, Author author) {
        TargetLocale target = TargetLocale.of(locale);
        Course course = authoring.editable(courseId, author);
        Map<String, CourseText> sources = sources(course);
        Map<String, TranslatedText> drafts = new LinkedHashMap<>();
        for (TranslatedText t : translations.ofLocale(courseId, target.tag())) {
            CourseText now = sources.get(t.path());
            t.sourceNow(Optional.ofNullable(now).flatMap(c -> c.text().exactly(t.sourceLocale())),
                    Optional.ofNullable(now).flatMap(c -> c.text().exactly(t.locale())));
            if (t.publishable()) {
                drafts.put(t.path(), t);
            }
        }
        if (drafts.isEmpty()) {
            throw new ConflictException("No reviewed drafts in '" + target + "' to publish for this course");
        }
        Map<String, String> byPath = drafts.values().stream()
                .collect(Collectors.toMap(TranslatedText::path, t -> t.draftText().orElseThrow(), (a, b) -> a, LinkedHashMap::new));
        Set<String> put = course.putTranslations(target.tag(), byPath);
        put.forEach(path -> drafts.get(path).published());
        courseChanged.fire(new CourseChanged(courseId));
        return new Published(put.size(), course.contentVersion());
    }

    private static Map<String, CourseText> sources(Course course) {
        return course.texts().stream().collect(Collectors.toMap(CourseText::path, Function.identity()));
    }
}
