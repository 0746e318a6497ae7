package org.projectspark.media.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.projectspark.media.service.MediaSettings;
import org.projectspark.platform.http.LargerBodies;

import java.util.OptionalLong;

/**
 * Uploads carry files, not JSON: the general request-body limit does not apply to them, the largest file does (each
 * kind's own limit is checked while the bytes arrive). A refused upload closes the connection: its body may not have
 * been read to the end, and the server does not read on through a body it has refused (with the listener's
 * max-swallowing-input-bytes, server-config/asadmin/20-http.asadmin, a 2 GB body is not drained).
 */
@Provider
@ApplicationScoped
public class UploadBodies implements LargerBodies, ContainerResponseFilter {

    @Inject
    MediaSettings settings;

    @Override
    public OptionalLong limitFor(ContainerRequestContext request) {
        return isUpload(request) ? OptionalLong.of(settings.largestUpload()) : OptionalLong.empty();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (isUpload(request) && response.getStatus() >= 400) {
            response.getHeaders().putSingle("Connection", "close");
        }
        if (request.getUriInfo().getPath().matches("/?files/uploads(/.*)?") && !"OPTIONS".equals(request.getMethod())) {
            response.getHeaders().putSingle("Tus-Resumable", "1.0.0");
        }
    }

    static boolean isUpload(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PATCH".equals(method)) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        return path.equals("files") || path.equals("/files") || path.matches("/?files/uploads/[^/]+");
    }
}
