package org.projectspark.account.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.projectspark.platform.cache.Copies;
import org.projectspark.platform.cache.InstanceCopies;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.redis.Redis;
import redis.clients.jedis.params.SetParams;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Answers, on every authenticated request, whether the access token's session is still open and its user
 * active. PostgreSQL is the truth; Redis holds the answer for the whole cluster so most requests need no
 * database round trip:
 * <ul>
 *   <li>{@code 1}: open, written only if absent (SET NX) and for {@value #OPEN_TTL_SECONDS} s;</li>
 *   <li>{@code 0}: ended, written after the ending commits, for as long as an access token lives, and it
 *   overwrites {@code 1}, so a request racing a sign-out cannot put back a stale "open".</li>
 * </ul>
 * In front of Redis, each instance remembers an answer for {@value #LOCAL_TTL_MILLIS} ms ({@link InstanceCopies}), so
 * a device's burst of requests costs one look-up; a sign-out drops it on every instance. Without Redis every miss
 * goes to the database.
 */
@ApplicationScoped
public class SessionGuard {

    static final long OPEN_TTL_SECONDS = 30;
    static final long LOCAL_TTL_MILLIS = 2_000;
    // The conditions are answered, not filtered on: with "revoked_at IS NULL" in WHERE, a table without statistics
    // (a new database before its first ANALYZE) was read through the partial index of open sessions, every row of
    // it (1 ms at 2,000 sessions), instead of one primary-key probe.
    private static final String ACTIVE = "SELECT s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active"
            + " FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?";

    @Resource(lookup = "jdbc/spark")
    DataSource dataSource;

    @Inject
    Redis redis;

    @Inject
    SparkSettings settings;

    @Inject
    InstanceCopies copies;

    private Copies<UUID, Boolean> local;

    @PostConstruct
    void init() {
        local = copies.byId("sessions", Duration.ofMillis(LOCAL_TTL_MILLIS), 100_000);
    }

    public boolean isActive(UUID sessionId) {
        return local.get(sessionId, this::isActiveShared);
    }

    private boolean isActiveShared(UUID sessionId) {
        String key = key(sessionId);
        String known = redis.call(r -> r.get(key)).orElse(null);
        if (known != null) {
            return "1".equals(known);
        }
        boolean active = isActiveInDatabase(sessionId);
        if (active) {
            redis.call(r -> r.set(key, "1", SetParams.setParams().nx().ex(OPEN_TTL_SECONDS)));
        }
        return active;
    }

    /** Redis first, then the copies: an instance that drops its copy must not read "open" again from Redis. */
    void sessionsEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsEnded ended) {
        long ttl = Math.max(OPEN_TTL_SECONDS, settings.accessTokenLifetime().toSeconds());
        redis.call(r -> {
            ended.sessionIds().forEach(id -> r.setex(key(id), ttl, "0"));
            return null;
        });
        ended.sessionIds().forEach(id -> {
            local.drop(id);
            local.put(id, false);
        });
    }

    private boolean isActiveInDatabase(UUID sessionId) {
        // the primary, not the replica: a sign-out must count at once
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ACTIVE)) {
            ps.setObject(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the session", e);
        }
    }

    private static String key(UUID sessionId) {
        return "spark:session:" + sessionId;
    }
}
