package org.projectspark.notification.domain;

import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids an app needs to open the screen a notification is about ({@code {"badge": "FIRST_QUIZ"}},
 * {@code {"classId": "...", "courseId": "..."}}): names to strings, in the order they were given.
 */
public record NotificationData(Map<String, String> values) {

    public static final NotificationData NONE = new NotificationData(Map.of());

    public NotificationData {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static NotificationData of(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new NotificationData(m);
    }

    public String json() {
        var o = Json.createObjectBuilder();
        values.forEach(o::add);
        return o.build().toString();
    }

    public static NotificationData parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            Map<String, String> m = new LinkedHashMap<>();
            reader.readObject().forEach((k, v) -> m.put(k, v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : v.toString()));
            return new NotificationData(m);
        }
    }

    /**
     * Stored as the jsonb object it is ({@code user_notifications.data}): written as JSON text (the pool lets
     * PostgreSQL infer the type), read as the driver gives jsonb (an object whose text is the JSON).
     */
    @Converter
    public static class Column implements AttributeConverter<NotificationData, Object> {
        @Override
        public Object convertToDatabaseColumn(NotificationData data) {
            return (data == null ? NONE : data).json();
        }

        @Override
        public NotificationData convertToEntityAttribute(Object json) {
            return json == null ? NONE : parse(json.toString());
        }
    }
}
