package org.projectspark.progress.domain;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.projectspark.curriculum.domain.Grading;

import java.io.StringReader;
import java.util.List;
import java.util.UUID;

/** Stores a submission's per-question feedback as a JSON array of {@code {"questionId", "correct"}}. */
@Converter
public class FeedbackConverter implements AttributeConverter<List<Grading.QuestionResult>, String> {

    @Override
    public String convertToDatabaseColumn(List<Grading.QuestionResult> results) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        (results == null ? List.<Grading.QuestionResult>of() : results)
                .forEach(r -> a.add(Json.createObjectBuilder().add("questionId", r.questionId().toString()).add("correct", r.correct())));
        return a.build().toString();
    }

    @Override
    public List<Grading.QuestionResult> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().stream().map(JsonValue::asJsonObject)
                    .map(o -> new Grading.QuestionResult(UUID.fromString(o.getString("questionId")), o.getBoolean("correct"))).toList();
        }
    }
}
