package org.projectspark.curriculum.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.domain.CourseUnit;
import org.projectspark.curriculum.domain.Lesson;
import org.projectspark.curriculum.domain.Question;

import java.util.List;

/**
 * What readers get: every text in one locale (the one named in {@code locale}, each text falling back to
 * the course's default language where it has no translation). Questions come without their answer keys.
 */
public final class CourseViews {

    private CourseViews() {
    }

    /** A course in a list. */
    @Schema(name = "CourseSummary")
    public record Summary(String id, String subject, String locale, String title, String description,
                          String status, int contentVersion) {
    }

    /** A whole course for learning. */
    public record CourseView(String id, String subject, String locale, String defaultLocale, String title, String description,
                             String status, int contentVersion, List<UnitView> units) {
    }

    public record UnitView(String id, String title, List<LessonView> lessons) {
    }

    public record LessonView(String id, String title, String summary, List<ActivityView> activities) {
    }

    public record ActivityView(String id, String type, String title, String body, String mediaUrl, List<QuestionView> questions) {
    }

    public record QuestionView(String id, String type, String prompt, List<OptionView> options) {
    }

    public record OptionView(String id, String text) {
    }

    static Summary summary(Course c, String locale) {
        String fb = c.defaultLocale();
        return new Summary(c.id().toString(), c.subject(), locale, c.title().in(locale, fb), c.description().in(locale, fb),
                c.status().name(), c.contentVersion());
    }

    public static CourseView course(Course c, String locale) {
        String fb = c.defaultLocale();
        return new CourseView(c.id().toString(), c.subject(), locale, fb, c.title().in(locale, fb), c.description().in(locale, fb),
                c.status().name(), c.contentVersion(), c.units().stream().map(u -> unit(u, locale, fb)).toList());
    }

    private static UnitView unit(CourseUnit u, String locale, String fb) {
        return new UnitView(u.id().toString(), u.title().in(locale, fb), u.lessons().stream().map(l -> lesson(l, locale, fb)).toList());
    }

    private static LessonView lesson(Lesson l, String locale, String fb) {
        return new LessonView(l.id().toString(), l.title().in(locale, fb), l.summary().in(locale, fb),
                l.activities().stream().map(a -> activity(a, locale, fb)).toList());
    }

    private static ActivityView activity(Activity a, String locale, String fb) {
        return new ActivityView(a.id().toString(), a.type().name(), a.title().in(locale, fb), a.body().in(locale, fb),
                a.mediaUrl().orElse(null), a.questions().stream().map(q -> question(q, locale, fb)).toList());
    }

    private static QuestionView question(Question q, String locale, String fb) {
        return new QuestionView(q.id().toString(), q.type().name(), q.prompt().in(locale, fb),
                q.options().stream().map(o -> new OptionView(o.id(), o.text().in(locale, fb))).toList());
    }

    /** Everything an author wrote, in every language, answer keys included; for authors only. */
    public record Source(String id, String status, int contentVersion, CourseRequest content) {
    }

    static Source source(Course c) {
        return new Source(c.id().toString(), c.status().name(), c.contentVersion(), CourseRequests.fromCourse(c));
    }
}
