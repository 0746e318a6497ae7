package org.projectspark.curriculum.domain;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** Stores a question's options as a JSON array of {@code {"id": ..., "text": {locale: text}}}. */
@Converter
public class ChoiceOptionsConverter implements AttributeConverter<List<ChoiceOption>, String> {

    @Override
    public String convertToDatabaseColumn(List<ChoiceOption> options) {
        JsonArrayBuilder array = jakarta.json.Json.createArrayBuilder();
        if (options != null) {
            options.forEach(o -> array.add(jakarta.json.Json.createObjectBuilder()
                    .add("id", o.id()).add("text", Json.object(o.text().asMap()))));
        }
        return array.build().toString();
    }

    @Override
    public List<ChoiceOption> convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return Json.parse(json).asJsonArray().stream().map(v -> {
            JsonObject o = v.asJsonObject();
            return new ChoiceOption(o.getString("id"), LocalizedText.of(Json.strings(o.getJsonObject("text"))));
        }).toList();
    }
}
