package org.projectspark.translation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.projectspark.curriculum.domain.CourseText;
import org.projectspark.curriculum.persistence.CourseRepository;
import org.projectspark.curriculum.service.CourseChanged;
import org.projectspark.translation.domain.TranslatedText;
import org.projectspark.translation.persistence.TranslationRepository;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When a course changes, its translations learn it in the same transaction: a text whose source changed is STALE,
 * and a published one the author's new content dropped is a draft again.
 */
@ApplicationScoped
public class SourceChanges {

    @Inject
    CourseRepository courses;

    @Inject
    TranslationRepository translations;

    void courseChanged(@Observes CourseChanged changed) {
        courses.find(changed.courseId()).ifPresent(course -> {
            var rows = translations.ofCourse(course.id());
            if (rows.isEmpty()) {
                return;
            }
            Map<String, CourseText> now = course.texts().stream().collect(Collectors.toMap(CourseText::path, Function.identity()));
            for (TranslatedText t : rows) {
                Optional<CourseText> text = Optional.ofNullable(now.get(t.path()));
                t.sourceNow(text.flatMap(c -> c.text().exactly(t.sourceLocale())), text.flatMap(c -> c.text().exactly(t.locale())));
            }
        });
    }
}
