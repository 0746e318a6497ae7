package org.projectspark.platform.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.problem.BodyTooLargeException;

import java.util.List;
import java.util.OptionalLong;

/**
 * Refuses bodies over MAX_REQUEST_BYTES (or the larger limit a feature declares, {@link LargerBodies}) with 413: at once
 * when Content-Length says so, and while reading when a chunked body grows too long, so an oversized upload never fills
 * the heap.
 */
@Provider
@PreMatching
@Priority(20)
public class BodyLimit implements ContainerRequestFilter {

    @Inject
    SparkSettings settings;

    @Inject
    @Any
    Instance<LargerBodies> larger;

    private volatile List<LargerBodies> exceptions;

    @Override
    public void filter(ContainerRequestContext request) {
        if (exceptions == null) {
            exceptions = larger.stream().toList(); // looked up once: the same beans serve every request
        }
        long limit = settings.maxRequestBytes();
        for (LargerBodies e : exceptions) {
            OptionalLong own = e.limitFor(request);
            if (own.isPresent()) {
                limit = own.getAsLong();
                break;
            }
        }
        if (declaredLength(request) > limit) {
            throw new BodyTooLargeException(limit);
        }
        if (request.hasEntity()) {
            long max = limit;
            request.setEntityStream(new CountedInputStream(request.getEntityStream(), max, () -> new BodyTooLargeException(max)));
        }
    }

    /** Content-Length as a long: JAX-RS's own getLength() is an int and fails on a body of 2 GiB or more. */
    static long declaredLength(ContainerRequestContext request) {
        String header = request.getHeaderString("Content-Length");
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
