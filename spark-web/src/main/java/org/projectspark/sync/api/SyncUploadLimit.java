package org.projectspark.sync.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.projectspark.platform.http.LargerBodies;
import org.projectspark.sync.service.SyncSettings;

import java.util.OptionalLong;

/** Offline batches and bundles are bigger than any other request; they are limited again once inflated. */
@ApplicationScoped
public class SyncUploadLimit implements LargerBodies {

    @Inject
    SyncSettings sync;

    @Override
    public OptionalLong limitFor(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean upload = "POST".equals(request.getMethod()) && (path.endsWith("sync/events") || path.endsWith("sync/bundles"));
        return upload ? OptionalLong.of(sync.maxBatchBytes()) : OptionalLong.empty();
    }
}
