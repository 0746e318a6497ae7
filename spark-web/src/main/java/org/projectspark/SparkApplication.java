package org.projectspark;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.problem.Problem;

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
 * <p>
 * The OpenAPI document (served by the server at {@code /openapi}) is built from the resources' annotations; what they
 * share is declared here once: the bearer token, the tags and the problem responses.
 */
@OpenAPIDefinition(
        info = @Info(title = "Project Spark API", version = "1",
                description = "Learning for schools that work offline: courses, quizzes, progress, classes, sync. "
                        + "Errors are RFC 9457 problem+json. The manual is docs/api.md."),
        servers = @Server(url = "/", description = "the server that serves this document"),
        tags = {
                @Tag(name = ApiDoc.ACCOUNTS, description = "Registration, sign-in, tokens, the user's own account"),
                @Tag(name = ApiDoc.ADMINISTRATION, description = "Users, roles, XP recomputation, maintenance jobs (ADMIN)"),
                @Tag(name = ApiDoc.CURRICULUM, description = "Courses, their texts in every locale, publishing"),
                @Tag(name = ApiDoc.TRANSLATION, description = "Machine translation drafts of a course, reviewed and published"),
                @Tag(name = ApiDoc.PROGRESS, description = "Quiz submissions, activity progress, hand-ins, the student's dashboard"),
                @Tag(name = ApiDoc.ASSIGNMENTS, description = "Hand-ins of assignments and their grades"),
                @Tag(name = ApiDoc.GAMIFICATION, description = "Badges"),
                @Tag(name = ApiDoc.LEADERBOARDS, description = "Global, school and class boards, all-time and weekly"),
                @Tag(name = ApiDoc.SCHOOLS, description = "Schools, classes, rosters, guardians"),
                @Tag(name = ApiDoc.ANALYTICS, description = "Student reports, class reports and dashboards"),
                @Tag(name = ApiDoc.NOTIFICATIONS, description = "Notifications, delivery by email and SMS, unsubscribe links"),
                @Tag(name = ApiDoc.FILES, description = "Uploads (in one request or resumable with tus 1.0) and downloads"),
                @Tag(name = ApiDoc.SYNC, description = "Offline devices: event upload, changes, bundles, review"),
                @Tag(name = ApiDoc.OPERATIONS, description = "The detailed health document")},
        components = @Components(responses = {
                @APIResponse(name = ApiDoc.BAD_REQUEST, description = "Invalid or malformed request (validation, malformed-body, invalid-request)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.UNAUTHORIZED, description = "No, bad, expired or revoked token",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.FORBIDDEN, description = "The caller's role or relation does not allow it",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.NOT_FOUND, description = "No such resource, or not visible to the caller",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.CONFLICT, description = "Conflicts with the current state",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.TOO_LARGE, description = "The body is over the limit",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.UNSUPPORTED_TYPE, description = "The body's media type is not one the operation takes",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.TOO_MANY, description = "Over a rate limit; Retry-After says when to come back",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDoc.UNAVAILABLE, description = "Busy or the database unreachable: nothing was changed; retry after Retry-After",
                        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))}))
@SecurityScheme(securitySchemeName = ApiDoc.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The accessToken of POST /auth/login or /auth/refresh")
@ApplicationPath("api/v1")
@DeclareRoles({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class SparkApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames", RolesAllowedDynamicFeature.class.getName(),
                "jersey.config.beanValidation.disable.server", true);
    }
}
