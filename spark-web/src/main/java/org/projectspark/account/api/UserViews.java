package org.projectspark.account.api;

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

import java.util.UUID;

/**
 * The JSON of GET /users/me, cached in Redis for the cluster ({@value #TTL_SECONDS} s, the guide's default
 * TTL) and dropped when the account changes. Apps open on this call, so it is the most frequent read there is.
 * Without Redis it is built from the database every time.
 */
@ApplicationScoped
public class UserViews {

    static final long TTL_SECONDS = 60;

    @Inject
    AccountQueries queries;

    @Inject
    Redis redis;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    public String json(UUID userId) {
        String key = key(userId);
        return redis.call(r -> r.get(key)).orElseGet(() -> {
            String json = jsonb.toJson(UserView.of(queries.show(userId)));
            redis.call(r -> r.setex(key, TTL_SECONDS, json));
            return json;
        });
    }

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        redis.call(r -> r.del(key(changed.userId())));
    }

    private static String key(UUID userId) {
        return "spark:me:" + userId;
    }
}
