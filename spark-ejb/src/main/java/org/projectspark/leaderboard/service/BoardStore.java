package org.projectspark.leaderboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;
import org.projectspark.platform.redis.Redis;
import org.projectspark.platform.redis.RedisScript;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.ZAddParams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Boards as Redis sorted sets (member: student id, score: XP), so a top-N or a rank is O(log n).
 * <p>
 * Writes only ever raise a score ({@code ZADD GT}): XP never goes down outside a rules recompute (which
 * drops every board), so a late or repeated write cannot undo a newer one, and a rebuild from PostgreSQL
 * merges with writes that happened while it ran. A board is served from Redis only while its "built"
 * marker says it was rebuilt in the last {@value #BUILT_SECONDS} s; after a write that Redis did not take
 * (it, or in a cluster the node holding that board, was down), every marker is dropped once Redis answers again,
 * so boards are rebuilt instead of silently missing XP.
 * <p>
 * A board's keys share its hash tag ({@link Board#key()}), so its script and its rebuild touch one cluster slot;
 * an update touching several boards is a pipeline of single-key commands, which a cluster splits by node.
 */
@ApplicationScoped
public class BoardStore {

    private static final Logger LOG = Logger.getLogger(BoardStore.class.getName());
    static final long BUILT_SECONDS = 600;
    private static final long WEEK_KEY_SECONDS = 15 * 24 * 3600L;
    private static final long LOCK_SECONDS = 30;
    private static final int BATCH = 1_000;

    @Inject
    Redis redis;

    private volatile boolean writesLost;
    private volatile boolean dropPending;

    /** Takes the right to rebuild a board for a while; false when another instance (or thread) has it. */
    public boolean lockForRebuild(Board board) {
        return redis.call(r -> r.set(board.rebuildLockKey(), "1", SetParams.setParams().nx().ex(LOCK_SECONDS))).isPresent();
    }

    /** Merges the board computed by PostgreSQL into the sorted set, removes who is no longer on it, marks it built. */
    public boolean rebuild(Board board, List<Standing.Scored> scored) {
        return redis.call(r -> {
            Set<String> fresh = new HashSet<>();
            List<Response<Long>> answers = new ArrayList<>();
            try (PipelineBase p = r.pipelined()) {
                Map<String, Double> batch = new HashMap<>();
                for (Standing.Scored s : scored) {
                    String member = s.studentId().toString();
                    fresh.add(member);
                    batch.put(member, (double) s.xp());
                    if (batch.size() == BATCH) {
                        answers.add(p.zadd(board.key(), batch, ZAddParams.zAddParams().gt()));
                        batch = new HashMap<>();
                    }
                }
                if (!batch.isEmpty()) {
                    answers.add(p.zadd(board.key(), batch, ZAddParams.zAddParams().gt()));
                }
            }
            Redis.requireAnswers(answers);
            List<String> gone = r.zrange(board.key(), 0, -1).stream().filter(m -> !fresh.contains(m)).toList();
            for (int i = 0; i < gone.size(); i += BATCH) {
                r.zrem(board.key(), gone.subList(i, Math.min(gone.size(), i + BATCH)).toArray(String[]::new));
            }
            if (board.period() == Board.Period.WEEK) {
                r.expire(board.key(), WEEK_KEY_SECONDS);
            }
            r.setex(board.builtMarkerKey(), BUILT_SECONDS, "1");
            r.del(board.rebuildLockKey());
            return true;
        }).orElse(false);
    }

    /** A read of a built board: the standings asked for and the board's size; {@code built} false when it must be rebuilt first. */
    public record Read(boolean built, List<Standing> standings, long total) {
        static final Read NOT_BUILT = new Read(false, List.of(), 0);
    }

    // One script each, one round trip through the pooled client: the built marker, the run of the board and what ranks it are read atomically.
    private static final RedisScript TOP = new RedisScript("""
            if redis.call('EXISTS', KEYS[2]) == 0 then return {-1} end
            return {redis.call('ZCARD', KEYS[1]), 0, 0, redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')}
            """);
    private static final RedisScript AROUND = new RedisScript("""
            if redis.call('EXISTS', KEYS[2]) == 0 then return {-1} end
            local total = redis.call('ZCARD', KEYS[1])
            local pos = redis.call('ZREVRANK', KEYS[1], ARGV[1])
            if not pos then return {total} end
            local first = math.max(0, pos - tonumber(ARGV[2]))
            local run = redis.call('ZREVRANGE', KEYS[1], first, pos + tonumber(ARGV[2]), 'WITHSCORES')
            return {total, first, redis.call('ZCOUNT', KEYS[1], '(' .. run[2], '+inf'), run}
            """);

    /** The first {@code limit} standings; empty when Redis is down. */
    public Optional<Read> top(Board board, int limit) {
        forgetBoardsIfWritesWereLost();
        return redis.call(r -> TOP.run(r, scriptKeys(board), List.of(String.valueOf(limit)))).map(BoardStore::read);
    }

    /** The student and up to {@code neighbours} each side (no standings: not on the board); empty when Redis is down. */
    public Optional<Read> around(Board board, UUID studentId, int neighbours) {
        forgetBoardsIfWritesWereLost();
        return redis.call(r -> AROUND.run(r, scriptKeys(board),
                List.of(studentId.toString(), String.valueOf(neighbours)))).map(BoardStore::read);
    }

    /** A read script's keys: in a cluster they must share a slot (the board's hash tag). */
    static List<String> scriptKeys(Board board) {
        return List.of(board.key(), board.builtMarkerKey());
    }

    private static Read read(Object reply) {
        List<?> parts = (List<?>) reply;
        long total = (Long) parts.get(0);
        if (total < 0) {
            return Read.NOT_BUILT;
        }
        if (parts.size() == 1) {
            return new Read(true, List.of(), total);
        }
        long first = (Long) parts.get(1);
        List<?> flat = (List<?>) parts.get(3);
        List<Standing.Scored> run = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
            run.add(new Standing.Scored(UUID.fromString(String.valueOf(flat.get(i))), (long) Double.parseDouble(String.valueOf(flat.get(i + 1)))));
        }
        long above = (Long) parts.get(2);
        return new Read(true, Standing.rank(run, run.isEmpty() ? 1 : above + 1, first), total);
    }

    /**
     * Raises (never lowers, unless {@code lowered}: the student's XP went down) a student's score on boards, removes them
     * from others; one round trip (in a cluster, one per node holding some of the boards).
     */
    public void update(Map<Board, Long> scores, Collection<Board> leave, String studentId, boolean lowered) {
        if (scores.isEmpty() && leave.isEmpty()) {
            return;
        }
        forgetBoardsIfWritesWereLost();
        boolean written = redis.call(r -> {
            List<Response<?>> answers = new ArrayList<>();
            try (PipelineBase p = r.pipelined()) {
                scores.forEach((board, xp) -> {
                    answers.add(p.zadd(board.key(), xp, studentId, lowered ? ZAddParams.zAddParams() : ZAddParams.zAddParams().gt()));
                    if (board.period() == Board.Period.WEEK) {
                        answers.add(p.expire(board.key(), WEEK_KEY_SECONDS));
                    }
                });
                leave.forEach(board -> answers.add(p.zrem(board.key(), studentId)));
            }
            Redis.requireAnswers(answers);
            return true;
        }).orElse(false);
        if (!written) {
            writesLost = true;
        }
    }

    /**
     * Drops every board (after XP went down in a recompute); they are rebuilt from PostgreSQL when next read. When
     * Redis does not take it, it is done once Redis answers again: until then no board is read from Redis.
     */
    public boolean dropAll() {
        boolean dropped = redis.call(r -> {
            deleteMatching(r, Board.ALL_KEYS);
            return true;
        }).orElse(false);
        if (!dropped) {
            dropPending = true;
        }
        return dropped;
    }

    private void forgetBoardsIfWritesWereLost() {
        if (!(dropPending || writesLost) || redis.isMarkedDown()) {
            return;
        }
        boolean dropAll = dropPending;
        dropPending = false;
        writesLost = false;
        boolean done = redis.call(r -> {
            deleteMatching(r, dropAll ? Board.ALL_KEYS : Board.BUILT_MARKERS);
            return true;
        }).orElse(false);
        if (done) {
            LOG.info(dropAll ? "Redis is back after missing a drop of every leaderboard; boards will be rebuilt from PostgreSQL"
                    : "Redis is back after missing leaderboard updates; boards will be rebuilt from PostgreSQL");
        } else {
            dropPending |= dropAll;
            writesLost = true;
        }
    }

    /** One key at a time, pipelined: the keys a scan finds lie in many slots, which one DEL may not mix in a cluster. */
    private void deleteMatching(UnifiedJedis r, String pattern) {
        redis.scan(r, pattern, keys -> {
            List<Response<Long>> answers = new ArrayList<>(keys.size());
            try (PipelineBase p = r.pipelined()) {
                keys.forEach(key -> answers.add(p.unlink(key)));
            }
            Redis.requireAnswers(answers);
        });
    }
}
