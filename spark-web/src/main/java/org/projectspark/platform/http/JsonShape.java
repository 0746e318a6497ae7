package org.projectspark.platform.http;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.projectspark.platform.problem.Problem;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a parsed JSON body against the request record it must become, strictly: a number field takes a JSON number
 * that fits (never a string, never wrapped), a text field a JSON string, a flag {@code true} or {@code false}, and
 * no field the record does not have. JSON-B alone converts {@code "50"} to 50 and wraps 10^12 into an int; the
 * client learns instead which field holds what and what it should hold.
 */
final class JsonShape {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final BigDecimal DOUBLE_MAX = BigDecimal.valueOf(Double.MAX_VALUE);
    private static final int MAX_ERRORS = 20;
    static final String AN_ID = "an id (a UUID such as 3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f)";

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private JsonShape() {
    }

    /** Every mismatch between {@code value} and {@code type}, by field path; empty when the body fits. */
    static List<Problem.FieldError> mismatches(JsonValue value, Class<? extends Record> type) {
        JsonShape shape = new JsonShape();
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            shape.error("body", "must be a JSON object with the fields " + fieldNames(type));
        } else {
            shape.record(value.asJsonObject(), type, "");
        }
        return shape.errors;
    }

    private void record(JsonObject object, Class<?> type, String path) {
        Map<String, RecordComponent> fields = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            fields.put(jsonName(c), c);
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            RecordComponent c = fields.get(entry.getKey());
            String at = join(path, entry.getKey());
            if (c == null) {
                error(at, "is not a field of this request (it takes " + fieldNames(type) + ")");
            } else {
                value(entry.getValue(), c.getGenericType(), c, at);
            }
        }
    }

    private void value(JsonValue v, Type type, RecordComponent component, String path) {
        Class<?> raw = raw(type);
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            if (raw.isPrimitive()) {
                error(path, "must be " + expected(raw, component) + ", not null");
            }
            return;
        }
        if (JsonValue.class.isAssignableFrom(raw) || raw == Object.class) {
            return;
        }
        if (raw == String.class) {
            expect(v, JsonValue.ValueType.STRING, path, "text (a JSON string)");
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
                error(path, "must be true or false");
            }
        } else if (isWhole(raw)) {
            whole(v, raw, component, path);
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class || raw == BigDecimal.class) {
            if (!(v instanceof JsonNumber n) || n.bigDecimalValue().abs().compareTo(DOUBLE_MAX) > 0) {
                error(path, "must be a number");
            }
        } else if (raw == UUID.class) {
            if (!(v instanceof JsonString s) || !isUuid(s.getString())) {
                error(path, "must be " + AN_ID);
            }
        } else if (raw.isEnum()) {
            if (!(v instanceof JsonString s) || Arrays.stream(raw.getEnumConstants()).noneMatch(e -> ((Enum<?>) e).name().equals(s.getString()))) {
                error(path, "must be one of " + Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).collect(Collectors.joining(", ")));
            }
        } else if (raw == OffsetDateTime.class || raw == Instant.class) {
            temporal(v, path, "a date and time with its offset, such as 2026-12-07T08:00:00Z", s -> OffsetDateTime.parse(s));
        } else if (raw == LocalDate.class) {
            temporal(v, path, "a date such as 2026-12-07", LocalDate::parse);
        } else if (Collection.class.isAssignableFrom(raw)) {
            if (expect(v, JsonValue.ValueType.ARRAY, path, "a list (a JSON array)")) {
                Type element = typeArgument(type, 0);
                int i = 0;
                for (JsonValue item : v.asJsonArray()) {
                    value(item, element, null, path + "[" + i++ + "]");
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (expect(v, JsonValue.ValueType.OBJECT, path, "a JSON object")) {
                Type valueType = typeArgument(type, 1);
                v.asJsonObject().forEach((key, item) -> value(item, valueType, null, join(path, key)));
            }
        } else if (raw.isRecord()) {
            if (expect(v, JsonValue.ValueType.OBJECT, path, "a JSON object with the fields " + fieldNames(raw))) {
                record(v.asJsonObject(), raw, path);
            }
        }
        // any other type is left to JSON-B
    }

    private void whole(JsonValue v, Class<?> raw, RecordComponent component, String path) {
        if (!(v instanceof JsonNumber n)) {
            error(path, "must be " + expected(raw, component));
            return;
        }
        BigDecimal d = n.bigDecimalValue();
        long min = raw == int.class || raw == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = raw == int.class || raw == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
        // compared before any conversion: 1e999999999 is a valid JSON number, and must not become a billion digits
        boolean inRange = d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0;
        if (!inRange || d.stripTrailingZeros().scale() > 0) {
            error(path, "must be " + expected(raw, component));
        }
    }

    private void temporal(JsonValue v, String path, String what, java.util.function.Consumer<String> parse) {
        if (v instanceof JsonString s) {
            try {
                parse.accept(s.getString());
                return;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(path, "must be " + what);
    }

    private static String expected(Class<?> raw, RecordComponent component) {
        if (!isWhole(raw)) {
            return raw == boolean.class ? "true or false" : "a number";
        }
        return component == null ? wholeNumber(raw, null, null)
                // Bean Validation's constraints do not target record components: they land on the accessor
                : wholeNumber(raw, component.getAccessor().getAnnotation(Min.class), component.getAccessor().getAnnotation(Max.class));
    }

    /** "a whole number from 0 to 100" when the field declares its bounds, else the bounds of its Java type. */
    static String wholeNumber(Class<?> raw, Min lower, Max upper) {
        boolean isInt = raw == int.class || raw == Integer.class;
        long min = lower != null ? lower.value() : isInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = upper != null ? upper.value() : isInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
        return "a whole number from " + min + " to " + max;
    }

    static boolean isUuid(String text) {
        return UUID_TEXT.matcher(text).matches();
    }

    static boolean isWhole(Class<?> raw) {
        return raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class;
    }

    private boolean expect(JsonValue v, JsonValue.ValueType kind, String path, String what) {
        if (v.getValueType() != kind) {
            error(path, "must be " + what);
            return false;
        }
        return true;
    }

    private void error(String path, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new Problem.FieldError(path, message));
        }
    }

    private static String jsonName(RecordComponent c) {
        JsonbProperty named = c.getAccessor().getAnnotation(JsonbProperty.class);
        if (named == null) {
            named = c.getAnnotation(JsonbProperty.class);
        }
        return named != null && !named.value().isEmpty() ? named.value() : c.getName();
    }

    private static String fieldNames(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(JsonShape::jsonName).collect(Collectors.joining(", "));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof WildcardType w && w.getUpperBounds().length > 0) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
