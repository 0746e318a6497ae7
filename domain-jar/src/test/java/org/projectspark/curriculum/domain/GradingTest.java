package org.projectspark.curriculum.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.platform.error.InvalidRequestException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradingTest {

    private static LocalizedText en(String s) {
        return LocalizedText.of(Map.of("en", s));
    }

    private static final List<ChoiceOption> ABC = List.of(new ChoiceOption("a", en("A")), new ChoiceOption("b", en("B")), new ChoiceOption("c", en("C")));

    private static Activity quiz() {
        var questions = List.of(
                new CourseContent.QuestionContent(QuestionType.SINGLE_CHOICE, en("1"), ABC, new AnswerKey(Set.of("a"), null, null, null, null)),
                new CourseContent.QuestionContent(QuestionType.MULTIPLE_CHOICE, en("2"), ABC, new AnswerKey(Set.of("a", "b"), null, null, null, null)),
                new CourseContent.QuestionContent(QuestionType.TRUE_FALSE, en("3"), List.of(), new AnswerKey(null, false, null, null, null)),
                new CourseContent.QuestionContent(QuestionType.NUMERIC, en("4"), List.of(), new AnswerKey(null, null, 3.5, 0.1, null)),
                new CourseContent.QuestionContent(QuestionType.SHORT_TEXT, en("5"), List.of(), new AnswerKey(null, null, null, null, List.of("Dar es Salaam", "café"))));
        var activity = new CourseContent.ActivityContent(ActivityType.QUIZ, en("Quiz"), LocalizedText.empty(), null, questions);
        var content = new CourseContent("geo", "en", en("Geo"), LocalizedText.empty(), List.of(new CourseContent.UnitContent(en("U"),
                List.of(new CourseContent.LessonContent(en("L"), LocalizedText.empty(), List.of(activity))))));
        return Course.draft(content, UUID.randomUUID()).units().get(0).lessons().get(0).activities().get(0);
    }

    private static Answer options(Question q, String... ids) {
        return new Answer(q.id(), Set.of(ids), null, null, null);
    }

    @Test
    void eachTypeIsGradedByItsOwnRule() {
        List<Question> q = quiz().questions();
        assertThat(q.get(0).isCorrect(options(q.get(0), "a"))).isTrue();
        assertThat(q.get(0).isCorrect(options(q.get(0), "a", "b"))).isFalse();
        assertThat(q.get(1).isCorrect(options(q.get(1), "b", "a"))).isTrue();
        assertThat(q.get(1).isCorrect(options(q.get(1), "a"))).as("a partial choice is wrong").isFalse();
        assertThat(q.get(2).isCorrect(new Answer(q.get(2).id(), null, false, null, null))).isTrue();
        assertThat(q.get(2).isCorrect(new Answer(q.get(2).id(), null, null, null, null))).isFalse();
        assertThat(q.get(3).isCorrect(new Answer(q.get(3).id(), null, null, 3.6, null))).as("within tolerance").isTrue();
        assertThat(q.get(3).isCorrect(new Answer(q.get(3).id(), null, null, 3.61, null))).isFalse();
        assertThat(q.get(4).isCorrect(new Answer(q.get(4).id(), null, null, null, "  dar  ES salaam "))).isTrue();
        assertThat(q.get(4).isCorrect(new Answer(q.get(4).id(), null, null, null, "CAFE"))).as("accents do not matter").isTrue();
        assertThat(q.get(4).isCorrect(new Answer(q.get(4).id(), null, null, null, "Dodoma"))).isFalse();
    }

    @Test
    void theScoreIsTheShareOfRightAnswersAndMissingOnesAreWrong() {
        Activity quiz = quiz();
        List<Question> q = quiz.questions();
        Grading g = quiz.grade(List.of(options(q.get(0), "a"), new Answer(q.get(2).id(), null, false, null, null)));
        assertThat(g.correct()).isEqualTo(2);
        assertThat(g.total()).isEqualTo(5);
        assertThat(g.score()).isEqualTo(40.0);
        assertThat(g.isPerfect()).isFalse();
    }

    @Test
    void answersToOtherQuestionsOrTwiceToOneAreRefused() {
        Activity quiz = quiz();
        Question first = quiz.questions().get(0);
        assertThatThrownBy(() -> quiz.grade(List.of(new Answer(UUID.randomUUID(), null, true, null, null))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> quiz.grade(List.of(options(first, "a"), options(first, "b"))))
                .hasMessageContaining("twice");
    }
}
