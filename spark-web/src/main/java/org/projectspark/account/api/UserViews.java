package org.projectspark.account.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.account.service.AccountQueries;
import org.projectspark.platform.cache.InstanceCopies;
import org.projectspark.platform.redis.JsonCache;
import org.projectspark.platform.redis.Redis;

import java.time.Duration;
import java.util.UUID;

/**
 * The JSON of GET /users/me, cached for the cluster ({@value #TTL_SECONDS} s, the guide's default TTL) and
 * on each instance for {@value #LOCAL_TTL_MILLIS} ms, dropped everywhere when the account changes. Apps open on this
 * call, so it is the most frequent read there is.
 */
@ApplicationScoped
public class UserViews {

    static final long TTL_SECONDS = 60;
    static final long LOCAL_TTL_MILLIS = 2_000;

    @Inject
    AccountQueries queries;

    @Inject
    Redis redis;

    @Inject
    InstanceCopies copies;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    private JsonCache cache;

    @PostConstruct
    void init() {
        cache = new JsonCache(redis, "spark:me:", TTL_SECONDS, copies.of("me", Duration.ofMillis(LOCAL_TTL_MILLIS), 100_000, key -> key));
    }

    public String json(UUID userId) {
        return cache.get(userId, id -> jsonb.toJson(UserView.of(queries.show(id))));
    }

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        cache.drop(changed.userId());
    }

    void standingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StandingChanged changed) {
        cache.drop(changed.studentId());
    }
}
