package org.projectspark.platform.http;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.problem.ProblemException;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Reads every request record of the API: the body is parsed as JSON, checked strictly against the record
 * ({@link JsonShape}), then bound by JSON-B. A body that is not JSON is {@code malformed-body} with where it broke; a
 * body of the wrong shape is {@code validation} naming each field; neither quotes a parser's or binder's own words.
 * An empty body is no body (null), which the resource's {@code @NotNull} reports as {@code body} missing.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonRequestBodies implements MessageBodyReader<Record> {

    @Context
    Providers providers;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Record.class.isAssignableFrom(type) && type.getName().startsWith("org.projectspark.");
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) {
        JsonValue value;
        try {
            value = JsonBodies.parse(body);
        } catch (UncheckedIOException e) {
            throw ProblemException.malformed("The body could not be read to its end (was the connection cut?); send it again");
        }
        if (value == null) {
            return null;
        }
        List<Problem.FieldError> mismatches = JsonShape.mismatches(value, type);
        if (!mismatches.isEmpty()) {
            throw ProblemException.invalid(mismatches);
        }
        return jsonb(type, mediaType).fromJson(value.toString(), type);
    }

    private Jsonb jsonb(Class<?> type, MediaType mediaType) {
        return providers.getContextResolver(Jsonb.class, mediaType).getContext(type);
    }
}
