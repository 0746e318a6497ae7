package org.projectspark.platform.http;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.problem.ProblemException;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Path, query and header values the API reads as numbers, flags, ids and names, converted strictly: {@code ?limit=abc},
 * a limit past the range of a number, {@code ?dryRun=maybe} or an id that is not a UUID are a 400 {@code validation}
 * problem naming the parameter and what it takes. (JAX-RS's own conversion answers 404 for a query or path value
 * that does not convert, reads any word but "true" as false, and says nothing of which parameter was wrong.)
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> raw, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (raw == UUID.class) {
            return (ParamConverter<T>) converter(name, AN_ID, null, text -> JsonShape.isUuid(text) ? UUID.fromString(text) : null);
        }
        if (JsonShape.isWhole(raw)) {
            Min lower = find(annotations, Min.class);
            Max upper = find(annotations, Max.class);
            boolean isInt = raw == int.class || raw == Integer.class;
            Object absent = raw.isPrimitive() ? (isInt ? (Object) 0 : (Object) 0L) : null;
            return (ParamConverter<T>) converter(name, JsonShape.wholeNumber(raw, lower, upper), absent, text -> {
                try {
                    return isInt ? (Object) Integer.valueOf(text.trim()) : (Object) Long.valueOf(text.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            });
        }
        if (raw == boolean.class || raw == Boolean.class) {
            Object absent = raw.isPrimitive() ? Boolean.FALSE : null;
            return (ParamConverter<T>) converter(name, "true or false", absent, text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> null;
            });
        }
        if (raw.isEnum()) {
            List<String> names = Arrays.stream(raw.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            return (ParamConverter<T>) converter(name, "one of " + String.join(", ", names), null,
                    text -> Arrays.stream(raw.getEnumConstants()).filter(e -> ((Enum<?>) e).name().equalsIgnoreCase(text.trim())).findFirst().orElse(null));
        }
        return null;
    }

    private static final String AN_ID = JsonShape.AN_ID;

    /**
     * An id read from part of a path that JAX-RS does not convert itself (a path parameter holding more than an id),
     * refused as a converted parameter is: a 400 {@code validation} problem naming {@code name}.
     */
    public static UUID id(String name, String text) {
        return (UUID) converter(name, AN_ID, null, t -> JsonShape.isUuid(t) ? UUID.fromString(t) : null).fromString(text);
    }

    /** A converter whose {@code parse} answers null for text it does not take. */
    private static ParamConverter<Object> converter(String name, String expected, Object absent, Function<String, Object> parse) {
        return new ParamConverter<>() {
            @Override
            public Object fromString(String text) {
                if (text == null) {
                    return absent;
                }
                Object value = text.length() > 100 ? null : parse.apply(text);
                if (value == null) {
                    throw ProblemException.invalid(List.of(new Problem.FieldError(name, "must be " + expected)));
                }
                return value;
            }

            @Override
            public String toString(Object value) {
                return String.valueOf(value);
            }
        };
    }

    private static String parameterName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
            if (a instanceof FormParam f) {
                return f.value();
            }
            if (a instanceof CookieParam c) {
                return c.value();
            }
            if (a instanceof MatrixParam m) {
                return m.value();
            }
        }
        return null;
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        return Arrays.stream(annotations).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }
}
