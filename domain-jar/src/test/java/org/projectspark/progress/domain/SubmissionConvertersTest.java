package org.projectspark.progress.domain;

import org.junit.jupiter.api.Test;
import org.projectspark.curriculum.domain.Answer;
import org.projectspark.curriculum.domain.Grading;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionConvertersTest {

    private final UUID q1 = UUID.fromString("5c400014-0000-4000-8000-000000011121");
    private final UUID q2 = UUID.fromString("5c400014-0000-4000-8000-000000011122");

    @Test
    void answersAreStoredInTheFormAnalyticsReadsAndComeBackTheSame() {
        AnswersConverter c = new AnswersConverter();
        List<Answer> answers = List.of(new Answer(q1, Set.of("b", "a"), null, null, null), new Answer(q2, Set.of(), true, 3.5, "nusu"));
        String json = c.convertToDatabaseColumn(answers);
        assertThat(json).isEqualTo("[{\"questionId\":\"" + q1 + "\",\"options\":[\"a\",\"b\"]},"
                + "{\"questionId\":\"" + q2 + "\",\"value\":true,\"number\":3.5,\"text\":\"nusu\"}]");
        assertThat(c.convertToEntityAttribute(json)).isEqualTo(answers);
    }

    @Test
    void feedbackComesBackAsItWasGiven() {
        FeedbackConverter c = new FeedbackConverter();
        List<Grading.QuestionResult> feedback = List.of(new Grading.QuestionResult(q1, true), new Grading.QuestionResult(q2, false));
        String json = c.convertToDatabaseColumn(feedback);
        assertThat(json).isEqualTo("[{\"questionId\":\"" + q1 + "\",\"correct\":true},{\"questionId\":\"" + q2 + "\",\"correct\":false}]");
        assertThat(c.convertToEntityAttribute(json)).isEqualTo(feedback);
    }
}
