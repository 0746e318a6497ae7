package org.projectspark;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

import java.util.Map;

/**
 * The REST API, versioned in its path. Resources and providers are discovered. {@code @RolesAllowed} is
 * enforced by Jersey's roles feature, registered here rather than left to Payara: Payara adds it only when
 * its web module is in view as Jersey starts, and one build came up on a freshly started domain without it
 * (every role check passed).
 */
@ApplicationPath("api/v1")
@DeclareRoles({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class SparkApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames", RolesAllowedDynamicFeature.class.getName());
    }
}
