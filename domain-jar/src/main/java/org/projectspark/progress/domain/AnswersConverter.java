package org.projectspark.progress.domain;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.projectspark.curriculum.domain.Answer;

import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Stores a submission's answers as a JSON array of {@code {"questionId", "options", "value", "number", "text"}} (only
 * the parts an answer has; options sorted), the form analytics reads with SQL.
 */
@Converter
public class AnswersConverter implements AttributeConverter<List<Answer>, String> {

    @Override
    public String convertToDatabaseColumn(List<Answer> answers) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Answer answer : answers == null ? List.<Answer>of() : answers) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("questionId", answer.questionId().toString());
            if (!answer.options().isEmpty()) {
                JsonArrayBuilder ids = Json.createArrayBuilder();
                answer.options().stream().sorted().forEach(ids::add);
                o.add("options", ids);
            }
            if (answer.bool() != null) {
                o.add("value", answer.bool());
            }
            if (answer.number() != null) {
                o.add("number", answer.number());
            }
            if (answer.text() != null) {
                o.add("text", answer.text());
            }
            a.add(o);
        }
        return a.build().toString();
    }

    @Override
    public List<Answer> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().stream().map(JsonValue::asJsonObject).map(AnswersConverter::answer).toList();
        }
    }

    private static Answer answer(JsonObject o) {
        Set<String> options = new LinkedHashSet<>();
        if (o.get("options") instanceof jakarta.json.JsonArray ids) {
            ids.forEach(id -> options.add(((JsonString) id).getString()));
        }
        JsonValue value = o.get("value");
        Boolean bool = value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null;
        Double number = o.get("number") instanceof JsonNumber n ? n.doubleValue() : null;
        String text = o.get("text") instanceof JsonString s ? s.getString() : null;
        return new Answer(UUID.fromString(o.getString("questionId")), options, bool, number, text);
    }
}
