package org.projectspark.curriculum.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link LocalizedText} as a JSON object in a text column. */
@Converter
public class LocalizedTextConverter implements AttributeConverter<LocalizedText, String> {

    @Override
    public String convertToDatabaseColumn(LocalizedText text) {
        return Json.object(text == null ? java.util.Map.of() : text.asMap()).toString();
    }

    @Override
    public LocalizedText convertToEntityAttribute(String json) {
        return json == null || json.isBlank() ? LocalizedText.empty() : LocalizedText.of(Json.strings(Json.parse(json).asJsonObject()));
    }
}
