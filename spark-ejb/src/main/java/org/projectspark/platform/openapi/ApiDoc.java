package org.projectspark.platform.openapi;

/**
 * Names the OpenAPI annotations of the resources share: the tags (one per feature), the bearer token's security
 * scheme, and the problem+json responses declared once in {@link org.projectspark.SparkApplication}'s components.
 * The problems every operation shares are added by {@link DocumentFilter}; the settings are in
 * META-INF/microprofile-config.properties (mp.openapi.*).
 */
public final class ApiDoc {

    public static final String BEARER = "bearer";

    public static final String ACCOUNTS = "Accounts";
    public static final String ADMINISTRATION = "Administration";
    public static final String CURRICULUM = "Curriculum";
    public static final String TRANSLATION = "Translation";
    public static final String PROGRESS = "Progress";
    public static final String ASSIGNMENTS = "Assignments";
    public static final String GAMIFICATION = "Gamification";
    public static final String LEADERBOARDS = "Leaderboards";
    public static final String SCHOOLS = "Schools";
    public static final String ANALYTICS = "Analytics";
    public static final String NOTIFICATIONS = "Notifications";
    public static final String FILES = "Files";
    public static final String SYNC = "Sync";
    public static final String OPERATIONS = "Operations";

    /** References to the components' responses, each an RFC 9457 problem. */
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED_TYPE = "UnsupportedMediaType";
    public static final String TOO_MANY = "TooManyRequests";
    public static final String UNAVAILABLE = "ServiceUnavailable";

    private ApiDoc() {
    }
}
