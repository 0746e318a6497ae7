package org.projectspark.curriculum.domain;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-P helpers for the converters that store value objects as JSON text. */
final class Json {

    private Json() {
    }

    static JsonValue parse(String text) {
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static JsonObject object(Map<String, String> map) {
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder();
        map.forEach(b::add);
        return b.build();
    }

    static Map<String, String> strings(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.forEach((k, v) -> map.put(k, ((jakarta.json.JsonString) v).getString()));
        return map;
    }
}
