package org.projectspark.curriculum.api;

import org.projectspark.curriculum.domain.Activity;
import org.projectspark.curriculum.domain.AnswerKey;
import org.projectspark.curriculum.domain.ChoiceOption;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.domain.CourseContent;

import java.util.HashSet;
import java.util.List;

/** Maps an authoring request onto the domain's {@link CourseContent}. */
final class CourseRequests {

    private CourseRequests() {
    }

    static CourseContent toContent(CourseRequest r) {
        return new CourseContent(r.subject(), r.defaultLocale(), Texts.of("title", r.title()),
                Texts.of("description", r.description()),
                r.units().stream().map(u -> new CourseContent.UnitContent(Texts.of("unit title", u.title()),
                        u.lessons().stream().map(CourseRequests::lesson).toList())).toList());
    }

    /** The request that would write this course again: the author's source. */
    static CourseRequest fromCourse(Course c) {
        return new CourseRequest(c.subject(), c.defaultLocale(), c.title().asMap(), c.description().asMap(),
                c.units().stream().map(u -> new CourseRequest.Unit(u.title().asMap(), u.lessons().stream()
                        .map(l -> new CourseRequest.Lesson(l.title().asMap(), l.summary().asMap(), l.activities().stream()
                                .map(CourseRequests::activitySource).toList())).toList())).toList());
    }

    private static CourseRequest.Activity activitySource(Activity a) {
        return new CourseRequest.Activity(a.type(), a.title().asMap(), a.body().asMap(), a.mediaUrl().orElse(null),
                a.questions().stream().map(q -> new CourseRequest.Question(q.type(), q.prompt().asMap(),
                        q.options().stream().map(o -> new CourseRequest.Option(o.id(), o.text().asMap())).toList(),
                        new CourseRequest.AnswerKey(q.answerKey().correctOptions().isEmpty() ? null
                                : q.answerKey().correctOptions().stream().sorted().toList(),
                                q.answerKey().correctBoolean(), q.answerKey().number(), q.answerKey().tolerance(),
                                q.answerKey().accepted().isEmpty() ? null : q.answerKey().accepted()))).toList());
    }

    private static CourseContent.LessonContent lesson(CourseRequest.Lesson l) {
        return new CourseContent.LessonContent(Texts.of("lesson title", l.title()), Texts.of("lesson summary", l.summary()),
                l.activities().stream().map(CourseRequests::activity).toList());
    }

    private static CourseContent.ActivityContent activity(CourseRequest.Activity a) {
        List<CourseRequest.Question> questions = a.questions() == null ? List.of() : a.questions();
        return new CourseContent.ActivityContent(a.type(), Texts.of("activity title", a.title()), Texts.of("activity body", a.body()),
                a.mediaUrl(), questions.stream().map(CourseRequests::question).toList());
    }

    private static CourseContent.QuestionContent question(CourseRequest.Question q) {
        List<CourseRequest.Option> options = q.options() == null ? List.of() : q.options();
        CourseRequest.AnswerKey k = q.answerKey();
        return new CourseContent.QuestionContent(q.type(), Texts.of("question prompt", q.prompt()),
                options.stream().map(o -> new ChoiceOption(o.id(), Texts.of("option text", o.text()))).toList(),
                new AnswerKey(k.correctOptions() == null ? null : new HashSet<>(k.correctOptions()), k.correctBoolean(),
                        k.number(), k.tolerance(), k.accepted()));
    }
}
