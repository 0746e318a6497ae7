package org.projectspark;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, versioned in its path. Resources and providers are discovered. */
@ApplicationPath("api/v1")
@DeclareRoles({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class SparkApplication extends Application {
}
