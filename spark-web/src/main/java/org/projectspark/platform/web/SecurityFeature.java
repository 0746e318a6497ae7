package org.projectspark.platform.web;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on resources with the container's caller. */
@Provider
public class SecurityFeature implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        context.register(RolesAllowedDynamicFeature.class);
        return true;
    }
}
