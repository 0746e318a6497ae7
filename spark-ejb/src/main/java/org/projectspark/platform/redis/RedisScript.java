package org.projectspark.platform.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}): the body crosses the wire only when Redis does not hold it
 * (its first use, or after a restart or {@code SCRIPT FLUSH}), not on every read of a hot path.
 */
public final class RedisScript {

    private final String body;
    private final String sha1;

    public RedisScript(String body) {
        this.body = body;
        try {
            this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(body, keys, args); // loads it for the next call
        }
    }

    String sha1() {
        return sha1;
    }
}
