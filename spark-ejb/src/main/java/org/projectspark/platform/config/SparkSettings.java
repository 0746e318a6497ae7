package org.projectspark.platform.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.projectspark.platform.redis.RedisLocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platform's settings, read through MicroProfile Config under the deployment guide's names (environment
 * variables, or system properties set on the domain). Defaults live in {@code META-INF/microprofile-config.properties},
 * as do those of every other settings class; {@code .env.example} documents the same names and defaults. A setting
 * without a default there is optional.
 */
@ApplicationScoped
public class SparkSettings {

    /** The example secret shipped in .env.example; never accepted in production. */
    public static final String EXAMPLE_JWT_SECRET = "your-super-secret-jwt-key-change-in-production";
    /** The example first-admin password from .env.example; never accepted in production. */
    public static final String EXAMPLE_ADMIN_PASSWORD = "change-me-admin-password";
    private static final int MIN_SECRET_BYTES = 32;

    @Inject @ConfigProperty(name = "SPARK_ENV")
    String environment;

    /** Load the demo school (accounts with a published password); unset: in development only. */
    @Inject @ConfigProperty(name = "DEMO_DATA")
    Optional<String> demoData;

    @Inject @ConfigProperty(name = "DEPLOY_ENV")
    String deployColor;

    @Inject @ConfigProperty(name = "JWT_SECRET")
    String jwtSecret;

    /** The secret JWT_SECRET replaced: still verifies what it signed (tokens, bundles, links) while those live. */
    @Inject @ConfigProperty(name = "JWT_PREVIOUS_SECRET")
    Optional<String> jwtPreviousSecret;

    @Inject @ConfigProperty(name = "JWT_EXPIRES_IN")
    String jwtExpiresIn;

    @Inject @ConfigProperty(name = "REFRESH_TOKEN_EXPIRES_IN")
    String refreshExpiresIn;

    @Inject @ConfigProperty(name = "ARGON2_MEMORY_COST")
    int argon2MemoryKib;

    @Inject @ConfigProperty(name = "ARGON2_TIME_COST")
    int argon2Iterations;

    @Inject @ConfigProperty(name = "ARGON2_PARALLELISM")
    int argon2Parallelism;

    /** How many hashes may run at once; 0 means one per CPU core. Bounds memory in a login storm. */
    @Inject @ConfigProperty(name = "ARGON2_MAX_CONCURRENT")
    int argon2MaxConcurrent;

    @Inject @ConfigProperty(name = "RATE_LIMIT_WINDOW")
    String rateLimitWindow;

    @Inject @ConfigProperty(name = "RATE_LIMIT_MAX")
    long rateLimitMax;

    @Inject @ConfigProperty(name = "AUTH_RATE_LIMIT_MAX")
    long authRateLimitMax;

    @Inject @ConfigProperty(name = "AUTH_ACCOUNT_RATE_LIMIT_MAX")
    long authAccountRateLimitMax;

    @Inject @ConfigProperty(name = "AUTH_ADDRESS_RATE_LIMIT_MAX")
    long authAddressRateLimitMax;

    /** Addresses of reverse proxies whose X-Forwarded-For is believed (nginx in front of Payara). */
    @Inject @ConfigProperty(name = "TRUSTED_PROXIES")
    Optional<String> trustedProxies;

    @Inject @ConfigProperty(name = "REDIS_URL")
    String redisUrl;

    /** A Redis Cluster's seeds (host:port, comma-separated); when set, used instead of REDIS_URL. */
    @Inject @ConfigProperty(name = "REDIS_CLUSTER_NODES")
    Optional<String> redisClusterNodes;

    @Inject @ConfigProperty(name = "CLIENT_URL")
    String clientUrl;

    @Inject @ConfigProperty(name = "MAX_REQUEST_BYTES")
    long maxRequestBytes;

    @Inject @ConfigProperty(name = "ADMIN_USERNAME")
    String adminUsername;

    @Inject @ConfigProperty(name = "ADMIN_PASSWORD")
    Optional<String> adminPassword;

    @Inject @ConfigProperty(name = "ADMIN_EMAIL")
    Optional<String> adminEmail;

    private Duration accessTokenLifetime;
    private Duration refreshTokenLifetime;
    private Duration rateWindow;
    private RedisLocation redisLocation;

    @PostConstruct
    void validate() {
        SettingProblems problems = new SettingProblems();
        accessTokenLifetime = problems.duration("JWT_EXPIRES_IN", jwtExpiresIn, 1000);
        refreshTokenLifetime = problems.duration("REFRESH_TOKEN_EXPIRES_IN", refreshExpiresIn, 1000);
        rateWindow = problems.duration("RATE_LIMIT_WINDOW", rateLimitWindow, 1);
        redisLocation = problems.value("REDIS_URL,REDIS_CLUSTER_NODES", () -> RedisLocation.of(redisUrl, redisClusterNodes));
        problems.addAll(startupProblems());
        problems.failIfAny();
    }

    /**
     * Problems that must stop the server from starting. A JWT secret shorter than 256 bits is refused
     * everywhere; in production the example secrets are refused too (elsewhere they are warnings).
     */
    public List<String> startupProblems() {
        List<String> problems = new ArrayList<>();
        if (!Set.of("development", "production", "test").contains(environment)) {
            problems.add("SPARK_ENV must be development, production or test (got '" + environment + "')");
        }
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add("JWT_SECRET is shorter than 256 bits (32 bytes); set a random secret of at least 256 bits (openssl rand -base64 48)");
        }
        if (previousSecret().filter(p -> p.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES).isPresent()) {
            problems.add("JWT_PREVIOUS_SECRET is shorter than 256 bits (32 bytes); it must be the JWT_SECRET used before the rotation, or unset");
        }
        if (isProduction()) {
            problems.addAll(exampleSecretsInUse());
            if (migrationContexts().contains("demo")) {
                problems.add("DEMO_DATA is on; the demo accounts have a published password and are never loaded in production");
            }
        }
        if (argon2MemoryKib < 8 * argon2Parallelism || argon2Iterations < 1 || argon2Parallelism < 1) {
            problems.add("ARGON2_MEMORY_COST must be at least 8 x ARGON2_PARALLELISM KiB, ARGON2_TIME_COST and ARGON2_PARALLELISM at least 1");
        }
        if (rateLimitMax < 1 || authRateLimitMax < 1 || authAccountRateLimitMax < 1 || authAddressRateLimitMax < 1) {
            problems.add("RATE_LIMIT_MAX, AUTH_RATE_LIMIT_MAX, AUTH_ACCOUNT_RATE_LIMIT_MAX and AUTH_ADDRESS_RATE_LIMIT_MAX must be at least 1");
        }
        return problems;
    }

    /** Example values from .env.example that are still in use: refused in production, warned about elsewhere. */
    public List<String> exampleSecretsInUse() {
        List<String> found = new ArrayList<>();
        if (jwtSecret.equals(EXAMPLE_JWT_SECRET)) {
            found.add("JWT_SECRET is the example value from .env.example; set a random secret of at least 256 bits (openssl rand -base64 48)");
        }
        if (previousSecret().filter(EXAMPLE_JWT_SECRET::equals).isPresent()) {
            found.add("JWT_PREVIOUS_SECRET is the example value from .env.example; tokens signed with a published secret must not stay valid: unset it");
        }
        if (adminPassword.filter(EXAMPLE_ADMIN_PASSWORD::equals).isPresent()) {
            found.add("ADMIN_PASSWORD is the example value from .env.example; choose a real password for the first admin");
        }
        return found;
    }

    public boolean isProduction() { return "production".equals(environment); }
    public String environment() { return environment; }
    /** Liquibase contexts: the environment, and demo data where it belongs. */
    public String migrationContexts() { return org.projectspark.platform.migration.Migrator.contexts(environment, demoData.orElse(null)); }
    public String deployColor() { return deployColor; }
    /** The HMAC key everything new is signed with. */
    public byte[] jwtSecretBytes() { return jwtSecret.getBytes(StandardCharsets.UTF_8); }
    /**
     * The keys that verify, the signing one first: JWT_SECRET, then JWT_PREVIOUS_SECRET while a rotation is under
     * way (a previous secret equal to the current one adds nothing).
     */
    public List<SigningKey> verificationKeys() {
        List<SigningKey> keys = new ArrayList<>();
        keys.add(SigningKey.of(jwtSecretBytes()));
        previousSecret().filter(p -> !p.equals(jwtSecret))
                .ifPresent(p -> keys.add(SigningKey.of(p.getBytes(StandardCharsets.UTF_8))));
        return List.copyOf(keys);
    }
    private Optional<String> previousSecret() {
        return jwtPreviousSecret == null ? Optional.empty() : jwtPreviousSecret.filter(p -> !p.isBlank());
    }
    public Duration accessTokenLifetime() { return accessTokenLifetime; }
    public Duration refreshTokenLifetime() { return refreshTokenLifetime; }
    public int argon2MemoryKib() { return argon2MemoryKib; }
    public int argon2Iterations() { return argon2Iterations; }
    public int argon2Parallelism() { return argon2Parallelism; }
    public int argon2MaxConcurrent() {
        return argon2MaxConcurrent > 0 ? argon2MaxConcurrent : Runtime.getRuntime().availableProcessors();
    }
    public Duration rateLimitWindow() { return rateWindow; }
    public long rateLimitMax() { return rateLimitMax; }
    /** Failed sign-ins on one account from one address per window. */
    public long authRateLimitMax() { return authRateLimitMax; }
    /** Failed sign-ins on one account from all addresses together per window. */
    public long authAccountRateLimitMax() { return authAccountRateLimitMax; }
    /** Failed sign-ins from one address on all accounts together per window. */
    public long authAddressRateLimitMax() { return authAddressRateLimitMax; }
    public Set<String> trustedProxies() {
        return Arrays.stream(trustedProxies.orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
    /** One Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES). */
    public RedisLocation redisLocation() { return redisLocation; }
    public String clientUrl() { return clientUrl; }
    /** The web client's origins: CLIENT_URL, comma-separated for several (CORS and the WebSocket's Origin check). */
    public Set<String> clientOrigins() {
        return Arrays.stream(clientUrl.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
    public long maxRequestBytes() { return maxRequestBytes; }
    public String adminUsername() { return adminUsername; }
    public Optional<String> adminPassword() { return adminPassword.filter(p -> !p.isBlank()); }
    public Optional<String> adminEmail() { return adminEmail.filter(p -> !p.isBlank()); }
}
