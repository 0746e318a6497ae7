package org.projectspark.sync.domain;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stores an event's outcome as the JSON object the device was answered ({@code sync_events.result}). Numbers come
 * back as they went: whole numbers as {@code Long}, decimals as {@code BigDecimal} with their scale ("0.80" stays "0.80").
 */
@Converter
public class EventOutcomeConverter implements AttributeConverter<EventOutcome, String> {

    @Override
    public String convertToDatabaseColumn(EventOutcome outcome) {
        if (outcome == null) {
            return null;
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator g = Json.createGenerator(text)) {
            write(g, outcome);
        }
        return text.toString();
    }

    @Override
    public EventOutcome convertToEntityAttribute(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return outcome(reader.readObject());
        }
    }

    /**
     * Writes an outcome as the object it is, here for its column and in the web module for the answer, so both say
     * the same (numbers as they were: whole, or decimals with their scale).
     */
    public static void write(JsonGenerator g, EventOutcome outcome) {
        g.writeStartObject();
        fields(g, outcome);
        g.writeEnd();
    }

    private static void fields(JsonGenerator g, EventOutcome outcome) {
        for (Map.Entry<String, Object> f : outcome.fields().entrySet()) {
            g.writeKey(f.getKey());
            value(g, f.getValue());
        }
    }

    private static void value(JsonGenerator g, Object value) {
        if (value instanceof String s) {
            g.write(s);
        } else if (value instanceof Boolean b) {
            g.write(b);
        } else if (value instanceof Integer i) {
            g.write(i);
        } else if (value instanceof Long l) {
            g.write(l);
        } else if (value instanceof BigDecimal d) {
            g.write(d);
        } else if (value instanceof EventOutcome o) {
            write(g, o);
        } else {
            g.writeStartArray();
            ((List<?>) value).forEach(v -> value(g, v));
            g.writeEnd();
        }
    }

    private static EventOutcome outcome(JsonObject o) {
        EventOutcome.Builder b = EventOutcome.builder();
        o.forEach((name, value) -> b.with(name, value(value)));
        return b.build();
    }

    private static Object value(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NUMBER -> number((JsonNumber) v);
            case OBJECT -> outcome(v.asJsonObject());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonValue item : (JsonArray) v) {
                    list.add(value(item));
                }
                yield list;
            }
            case NULL -> null;
        };
    }

    private static Object number(JsonNumber n) {
        BigDecimal d = n.bigDecimalValue();
        if (d.scale() == 0 && d.precision() < 19) {
            return d.longValueExact();
        }
        return d;
    }
}
