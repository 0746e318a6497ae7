package org.projectspark.platform.web;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.sync.service.SyncSettings;


/**
 * Refuses bodies over MAX_REQUEST_BYTES (SYNC_MAX_BATCH_BYTES for offline uploads) with 413: at once when Content-Length says so, and while
 * reading when a chunked body grows too long, so an oversized upload never fills the heap.
 */
@Provider
@PreMatching
@Priority(20)
public class BodyLimit implements ContainerRequestFilter {

    @Inject
    SparkSettings settings;

    @Inject
    SyncSettings sync;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = isSyncUpload(request) ? sync.maxBatchBytes() : settings.maxRequestBytes();
        if (request.getLength() > limit) {
            throw new BodyTooLargeException(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new CountedInputStream(request.getEntityStream(), limit, () -> new BodyTooLargeException(limit)));
        }
    }

    /** Offline batches and bundles are bigger than any other request; they are also limited again once inflated. */
    private static boolean isSyncUpload(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return "POST".equals(request.getMethod()) && (path.endsWith("sync/events") || path.endsWith("sync/bundles"));
    }
}
