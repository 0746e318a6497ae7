package org.projectspark.account.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.projectspark.account.service.AccountChanged;
import org.projectspark.account.service.AccountQueries;
import org.projectspark.platform.redis.Redis;

import java.time.Duration;
import java.util.UUID;

/**
 * The JSON of GET /users/me, cached in Redis for the cluster ({@value #TTL_SECONDS} s, the guide's default
 * TTL) and dropped when the account changes. Apps open on this call, so it is the most frequent read there is.
 * Each instance also keeps it for {@value #LOCAL_TTL_MILLIS} ms: a change shows at once on the instance that
 * made it, and within that time on the others. Without Redis it is built from the database on a miss.
 */
@ApplicationScoped
public class UserViews {

    static final long TTL_SECONDS = 60;
    static final long LOCAL_TTL_MILLIS = 2_000;

    @Inject
    AccountQueries queries;

    @Inject
    Redis redis;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private final Cache<UUID, String> local = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(LOCAL_TTL_MILLIS))
            .maximumSize(100_000)
            .build();

    public String json(UUID userId) {
        return local.get(userId, this::sharedJson);
    }

    private String sharedJson(UUID userId) {
        String key = key(userId);
        return redis.call(r -> r.get(key)).orElseGet(() -> {
            String json = jsonb.toJson(UserView.of(queries.show(userId)));
            redis.call(r -> r.setex(key, TTL_SECONDS, json));
            return json;
        });
    }

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        local.invalidate(changed.userId());
        redis.call(r -> r.del(key(changed.userId())));
    }

    private static String key(UUID userId) {
        return "spark:me:" + userId;
    }
}
