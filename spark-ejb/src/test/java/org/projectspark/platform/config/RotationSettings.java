package org.projectspark.platform.config;

import java.util.Optional;

/** Settings with a given JWT_SECRET and JWT_PREVIOUS_SECRET (null: unset), for the signers' tests. */
public final class RotationSettings {

    private RotationSettings() {
    }

    public static SparkSettings of(String current, String previous) {
        SparkSettings s = new SparkSettings();
        s.environment = "test";
        s.jwtSecret = current;
        s.jwtPreviousSecret = Optional.ofNullable(previous);
        s.jwtExpiresIn = "1h";
        s.refreshExpiresIn = "30d";
        s.rateLimitWindow = "900000";
        s.adminPassword = Optional.empty();
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
        s.validate();
        return s;
    }
}
