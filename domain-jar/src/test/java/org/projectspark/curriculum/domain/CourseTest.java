package org.projectspark.curriculum.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CourseTest {

    private static LocalizedText text(String en, String sw) {
        return sw == null ? LocalizedText.of(Map.of("en", en)) : LocalizedText.of(Map.of("en", en, "sw", sw));
    }

    private static CourseContent.QuestionContent question(QuestionType type, List<ChoiceOption> options, AnswerKey key) {
        return new CourseContent.QuestionContent(type, text("Q", null), options, key);
    }

    private static CourseContent content(CourseContent.QuestionContent... questions) {
        var quiz = new CourseContent.ActivityContent(ActivityType.QUIZ, text("Quiz", "Jaribio"), LocalizedText.empty(), null, List.of(questions));
        var lesson = new CourseContent.LessonContent(text("Lesson", null), LocalizedText.empty(), List.of(quiz));
        return new CourseContent("math", "en", text("Fractions", "Sehemu"), LocalizedText.empty(),
                List.of(new CourseContent.UnitContent(text("Unit", null), List.of(lesson))));
    }

    private static final List<ChoiceOption> AB = List.of(new ChoiceOption("a", text("5", null)), new ChoiceOption("b", text("2", null)));

    @Test
    void textsFallBackFromRegionToLanguageToTheDefault() {
        LocalizedText t = text("Half", "Nusu");
        assertThat(t.in("sw-TZ", "en")).isEqualTo("Nusu");
        assertThat(t.in("fr", "en")).isEqualTo("Half");
        assertThat(t.has("sw-KE")).isTrue();
        assertThat(t.has("fr")).isFalse();
    }

    @Test
    void theServedLocaleIsTheFirstPreferenceTheCourseHas() {
        Course c = Course.draft(content(question(QuestionType.TRUE_FALSE, List.of(), new AnswerKey(null, true, null, null, null))), UUID.randomUUID());
        assertThat(c.localeFor(List.of("fr", "sw-TZ", "en"))).isEqualTo("sw");
        assertThat(c.localeFor(List.of("fr"))).isEqualTo("en");
    }

    @Test
    void anAnswerKeyMustFitItsQuestion() {
        assertThatThrownBy(() -> Course.draft(content(question(QuestionType.SINGLE_CHOICE, AB,
                new AnswerKey(Set.of("a", "b"), null, null, null, null))), UUID.randomUUID()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> Course.draft(content(question(QuestionType.MULTIPLE_CHOICE, AB,
                new AnswerKey(Set.of("z"), null, null, null, null))), UUID.randomUUID()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Course.draft(content(question(QuestionType.NUMERIC, List.of(),
                new AnswerKey(null, null, null, null, null))), UUID.randomUUID()))
                .hasMessageContaining("NUMERIC");
        assertThatThrownBy(() -> Course.draft(content(question(QuestionType.TRUE_FALSE, AB,
                new AnswerKey(null, true, null, null, null))), UUID.randomUUID()))
                .hasMessageContaining("no options");
    }

    @Test
    void publishingBumpsTheContentVersionAndEditingAPublishedCourseBumpsItAgain() {
        Course c = Course.draft(content(question(QuestionType.SHORT_TEXT, List.of(), new AnswerKey(null, null, null, null, List.of("nusu")))), UUID.randomUUID());
        assertThat(c.isPublished()).isFalse();
        c.publish();
        assertThat(c.contentVersion()).isEqualTo(1);
        c.publish();
        assertThat(c.contentVersion()).isEqualTo(1);
        c.replace(content(question(QuestionType.SHORT_TEXT, List.of(), new AnswerKey(null, null, null, null, List.of("nusu")))));
        assertThat(c.contentVersion()).isEqualTo(2);
    }

    @Test
    void anEmptyCourseCannotBePublished() {
        Course c = Course.draft(new CourseContent("math", "en", text("Empty", null), LocalizedText.empty(), List.of()), UUID.randomUUID());
        assertThatThrownBy(c::publish).isInstanceOf(ConflictException.class);
    }
}
