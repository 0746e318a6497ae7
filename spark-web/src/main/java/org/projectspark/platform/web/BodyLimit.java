package org.projectspark.platform.web;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.sync.service.SyncSettings;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

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
            request.setEntityStream(new Limited(request.getEntityStream(), limit));
        }
    }

    /** Offline batches and bundles are bigger than any other request; they are also limited again once inflated. */
    private static boolean isSyncUpload(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return "POST".equals(request.getMethod()) && (path.endsWith("sync/events") || path.endsWith("sync/bundles"));
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
