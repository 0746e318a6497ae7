package org.projectspark.platform.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkSettingsTest {

    private static SparkSettings settings(String env, String secret, String adminPassword) {
        SparkSettings s = new SparkSettings();
        s.environment = env;
        s.jwtSecret = secret;
        s.jwtPreviousSecret = Optional.empty();
        s.adminPassword = Optional.ofNullable(adminPassword);
        s.demoData = Optional.empty();
        s.trustedProxies = Optional.empty();
        s.argon2MemoryKib = 65536;
        s.argon2Iterations = 3;
        s.argon2Parallelism = 4;
        s.rateLimitMax = 100;
        s.authRateLimitMax = 5;
        s.authAccountRateLimitMax = 20;
        s.authAddressRateLimitMax = 200;
        s.redisUrl = "redis://localhost:6379";
        s.redisClusterNodes = Optional.empty();
        return s;
    }

    private static final String GOOD_SECRET = "k3J9vQ2mX8pL5nR7tY1wZ4aB6cD0eF2gH4iJ6kL8";

    @Test
    void productionRefusesTheExampleSecrets() {
        assertThat(settings("production", SparkSettings.EXAMPLE_JWT_SECRET, null).startupProblems())
                .anyMatch(p -> p.contains("JWT_SECRET is the example"));
        assertThat(settings("production", GOOD_SECRET, SparkSettings.EXAMPLE_ADMIN_PASSWORD).startupProblems())
                .anyMatch(p -> p.contains("ADMIN_PASSWORD is the example"));
        assertThat(settings("production", GOOD_SECRET, "a real one").startupProblems()).isEmpty();
    }

    @Test
    void productionRefusesTheExampleSecretAsThePreviousSecretToo() {
        SparkSettings s = settings("production", GOOD_SECRET, null);
        s.jwtPreviousSecret = Optional.of(SparkSettings.EXAMPLE_JWT_SECRET);
        assertThat(s.startupProblems()).anyMatch(p -> p.contains("JWT_PREVIOUS_SECRET is the example"));
        s.jwtPreviousSecret = Optional.of("short");
        assertThat(s.startupProblems()).anyMatch(p -> p.contains("JWT_PREVIOUS_SECRET is shorter than 256 bits"));
        s.jwtPreviousSecret = Optional.of("");
        assertThat(s.startupProblems()).isEmpty();
        assertThat(s.verificationKeys()).hasSize(1);
        s.jwtPreviousSecret = Optional.of(GOOD_SECRET.toUpperCase());
        assertThat(s.startupProblems()).isEmpty();
        assertThat(s.verificationKeys()).hasSize(2);
    }

    @Test
    void aSecretShorterThan256BitsIsRefusedEverywhere() {
        assertThat(settings("production", "short-secret", null).startupProblems()).anyMatch(p -> p.contains("shorter than 256 bits"));
        assertThat(settings("development", "short-secret", null).startupProblems()).anyMatch(p -> p.contains("shorter than 256 bits"));
    }

    @Test
    void developmentOnlyWarnsAboutTheExampleSecret() {
        SparkSettings dev = settings("development", SparkSettings.EXAMPLE_JWT_SECRET, null);
        assertThat(dev.startupProblems()).isEmpty();
        assertThat(dev.exampleSecretsInUse()).hasSize(1);
    }

    @Test
    void startingRefusesEveryProblemAtOnceNamingItsSetting() {
        SparkSettings s = settings("development", "short-secret", null);
        s.jwtExpiresIn = "soon";
        s.refreshExpiresIn = "30d";
        s.rateLimitWindow = "0";
        s.redisClusterNodes = Optional.of("10.0.0.1:7000/2");
        assertThatThrownBy(s::validate)
                .hasMessageContaining("JWT_EXPIRES_IN must be a duration")
                .hasMessageContaining("REDIS_CLUSTER_NODES: a Redis Cluster has only database 0")
                .hasMessageContaining("RATE_LIMIT_WINDOW must be longer than zero")
                .hasMessageContaining("shorter than 256 bits")
                .hasMessageNotContaining("REFRESH_TOKEN_EXPIRES_IN");
    }

    @Test
    void optionalSettingsMayBeUnset() {
        SparkSettings s = settings("development", GOOD_SECRET, null);
        s.jwtExpiresIn = "1h";
        s.refreshExpiresIn = "30d";
        s.rateLimitWindow = "900000";
        s.validate();
        assertThat(s.accessTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(s.rateLimitWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.trustedProxies()).isEmpty();
        assertThat(s.adminPassword()).isEmpty();
        assertThat(s.migrationContexts()).isEqualTo("development,demo");
        s.trustedProxies = Optional.of("127.0.0.1, ::1");
        s.demoData = Optional.of("false");
        assertThat(s.trustedProxies()).containsExactlyInAnyOrder("127.0.0.1", "::1");
        assertThat(s.migrationContexts()).isEqualTo("development");
    }

    @Test
    void durationsAreReadAsTheGuideWritesThem() {
        assertThat(DurationSetting.parse("X", "7d", 1000)).isEqualTo(Duration.ofDays(7));
        assertThat(DurationSetting.parse("X", "15m", 1000)).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationSetting.parse("X", "900", 1000)).isEqualTo(Duration.ofSeconds(900));
        assertThat(DurationSetting.parse("X", "900000", 1)).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> DurationSetting.parse("JWT_EXPIRES_IN", "soon", 1000)).hasMessageContaining("JWT_EXPIRES_IN");
        assertThatThrownBy(() -> DurationSetting.parse("X", "0", 1000)).hasMessageContaining("longer than zero");
    }
}
