package org.projectspark.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Attaches one id to a servlet request, whichever component sees the request first. */
final class RequestIds {

    private RequestIds() {
    }

    static String begin(HttpServletRequest request) {
        Object existing = request.getAttribute(RequestContext.ATTRIBUTE);
        if (existing instanceof String id) {
            return id;
        }
        String id = RequestContext.acceptOrCreate(request.getHeader(RequestContext.HEADER));
        request.setAttribute(RequestContext.ATTRIBUTE, id);
        return id;
    }

    /** The same, from JAX-RS: its properties are the servlet request's attributes, without the injected request's proxy. */
    static String begin(ContainerRequestContext request) {
        Object existing = request.getProperty(RequestContext.ATTRIBUTE);
        if (existing instanceof String id) {
            return id;
        }
        String id = RequestContext.acceptOrCreate(request.getHeaderString(RequestContext.HEADER));
        request.setProperty(RequestContext.ATTRIBUTE, id);
        return id;
    }
}
