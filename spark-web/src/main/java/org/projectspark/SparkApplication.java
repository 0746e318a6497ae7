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
 * <p>
 * Bean Validation of resource methods is left to Hibernate Validator's CDI interceptor (every resource is a CDI
 * bean): with Jersey's own validation on as well, each constrained request was validated twice, 3–4 % of the CPU
 * of a quiz submission. Violations are answered by {@code ProblemMappers.Validation} either way.
 */
@ApplicationPath("api/v1")
@DeclareRoles({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class SparkApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames", RolesAllowedDynamicFeature.class.getName(),
                "jersey.config.beanValidation.disable.server", true);
    }
}
