package org.projectspark.sync.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventOutcomeConverterTest {

    private final EventOutcomeConverter converter = new EventOutcomeConverter();

    @Test
    void anOutcomeIsStoredAsTheJsonAnsweredInItsOrderAndComesBackAsItWas() {
        EventOutcome outcome = EventOutcome.builder().with("submissionId", "s-1").with("attempt", 2).with("score", new BigDecimal("80.00"))
                .with("bestScore", null).with("feedback", List.of(EventOutcome.builder().with("questionId", "q").with("correct", true).build()))
                .with("xpTotal", 12345678901L).with("badgesEarned", List.of()).with("replayed", false).build();
        String json = converter.convertToDatabaseColumn(outcome);
        assertThat(json).isEqualTo("{\"submissionId\":\"s-1\",\"attempt\":2,\"score\":80.00,\"feedback\":[{\"questionId\":\"q\",\"correct\":true}],"
                + "\"xpTotal\":12345678901,\"badgesEarned\":[],\"replayed\":false}");
        EventOutcome back = converter.convertToEntityAttribute(json);
        assertThat(back.fields().keySet()).containsExactly("submissionId", "attempt", "score", "feedback", "xpTotal", "badgesEarned", "replayed");
        assertThat(back.fields().get("attempt")).isEqualTo(2L);
        assertThat(converter.convertToDatabaseColumn(back)).as("written again, the same text").isEqualTo(json);
        assertThat(back.string("submissionId")).contains("s-1");
        assertThat(back.string("attempt")).isEmpty();
    }

    @Test
    void decimalsKeepTheirScaleAndBigWholeNumbersStayWhole() {
        String json = "{\"a\":1.5,\"b\":0.80,\"c\":100,\"d\":1E+2,\"e\":123456789012345678901234567890}";
        assertThat(converter.convertToDatabaseColumn(converter.convertToEntityAttribute(json))).isEqualTo(json);
    }
}
