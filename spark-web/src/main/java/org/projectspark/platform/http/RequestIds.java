package org.projectspark.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** Attaches one id to a servlet request, whichever component sees the request first. */
public final class RequestIds {

    private RequestIds() {
    }

    public static String begin(HttpServletRequest request) {
        return begin(request::getAttribute, request::setAttribute, request.getHeader(RequestContext.HEADER));
    }

    /** The same, from JAX-RS: its properties are the servlet request's attributes, without the injected request's proxy. */
    static String begin(ContainerRequestContext request) {
        return begin(request::getProperty, request::setProperty, request.getHeaderString(RequestContext.HEADER));
    }

    private static String begin(Function<String, Object> attribute, BiConsumer<String, Object> keep, String header) {
        if (attribute.apply(RequestContext.ATTRIBUTE) instanceof String id) {
            return id;
        }
        String id = RequestContext.acceptOrCreate(header);
        keep.accept(RequestContext.ATTRIBUTE, id);
        return id;
    }
}
