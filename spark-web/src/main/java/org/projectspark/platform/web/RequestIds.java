package org.projectspark.platform.web;

import jakarta.servlet.http.HttpServletRequest;

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
}
