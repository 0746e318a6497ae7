package org.projectspark.sync.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an applied event answered the device, kept with the event and answered again, as it was, to every retry:
 * named values in the order given. A value is a string, a boolean, a whole number ({@code Integer} or {@code Long}),
 * a decimal ({@code BigDecimal}, its scale kept), a list of these, or a nested outcome. A missing value is left out.
 */
public record EventOutcome(Map<String, Object> fields) {

    public EventOutcome {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> copy.put(name, checked(value)));
        fields = Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A string value, when there is one under that name. */
    public Optional<String> string(String name) {
        return fields.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Object checked(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(EventOutcome::checked).toList();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof BigDecimal || value instanceof EventOutcome) {
            return value;
        }
        throw new IllegalArgumentException("an event outcome holds no " + (value == null ? "null" : value.getClass().getName()));
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds the value; a null one is left out, as the API leaves out what is not there. */
        public Builder with(String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        /** Every value of another outcome, in its order. */
        public Builder withAll(EventOutcome other) {
            fields.putAll(other.fields());
            return this;
        }

        public EventOutcome build() {
            return new EventOutcome(fields);
        }
    }
}
