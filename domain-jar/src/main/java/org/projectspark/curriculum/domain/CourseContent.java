package org.projectspark.curriculum.domain;

import java.util.List;

/** A course's whole content as an author submits it: units, lessons, activities and questions, in order. */
public record CourseContent(String subject, String defaultLocale, LocalizedText title, LocalizedText description,
                            List<UnitContent> units) {

    public record UnitContent(LocalizedText title, List<LessonContent> lessons) {
    }

    public record LessonContent(LocalizedText title, LocalizedText summary, List<ActivityContent> activities) {
    }

    public record ActivityContent(ActivityType type, LocalizedText title, LocalizedText body, String mediaUrl,
                                  List<QuestionContent> questions) {
    }

    public record QuestionContent(QuestionType type, LocalizedText prompt, List<ChoiceOption> options, AnswerKey answerKey) {
    }
}
