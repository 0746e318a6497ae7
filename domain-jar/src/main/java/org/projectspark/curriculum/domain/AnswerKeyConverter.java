package org.projectspark.curriculum.domain;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.stream.Collectors;

/** Stores an {@link AnswerKey} as a JSON object with only the fields its question type uses. */
@Converter
public class AnswerKeyConverter implements AttributeConverter<AnswerKey, String> {

    @Override
    public String convertToDatabaseColumn(AnswerKey key) {
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder();
        if (!key.correctOptions().isEmpty()) {
            JsonArrayBuilder ids = jakarta.json.Json.createArrayBuilder();
            key.correctOptions().stream().sorted().forEach(ids::add);
            b.add("correctOptions", ids);
        }
        if (key.correctBoolean() != null) {
            b.add("correctBoolean", key.correctBoolean());
        }
        if (key.number() != null) {
            b.add("number", key.number());
            b.add("tolerance", key.tolerance() == null ? 0.0 : key.tolerance());
        }
        if (!key.accepted().isEmpty()) {
            JsonArrayBuilder accepted = jakarta.json.Json.createArrayBuilder();
            key.accepted().forEach(accepted::add);
            b.add("accepted", accepted);
        }
        return b.build().toString();
    }

    @Override
    public AnswerKey convertToEntityAttribute(String json) {
        JsonObject o = Json.parse(json).asJsonObject();
        return new AnswerKey(
                o.containsKey("correctOptions") ? o.getJsonArray("correctOptions").stream()
                        .map(v -> ((JsonString) v).getString()).collect(Collectors.toSet()) : null,
                o.containsKey("correctBoolean") ? o.get("correctBoolean") == JsonValue.TRUE : null,
                o.containsKey("number") ? ((JsonNumber) o.get("number")).doubleValue() : null,
                o.containsKey("tolerance") ? ((JsonNumber) o.get("tolerance")).doubleValue() : null,
                o.containsKey("accepted") ? o.getJsonArray("accepted").stream().map(v -> ((JsonString) v).getString()).toList() : null);
    }
}
