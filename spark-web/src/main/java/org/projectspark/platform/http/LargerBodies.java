package org.projectspark.platform.http;

import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.OptionalLong;

/**
 * A feature whose requests may carry more than MAX_REQUEST_BYTES (offline sync batches) says so here, as a CDI bean;
 * {@link BodyLimit} asks each before it applies the general limit.
 */
public interface LargerBodies {

    /** The body limit for this request, or empty when the general one applies. */
    OptionalLong limitFor(ContainerRequestContext request);
}
