package org.projectspark.leaderboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;
import org.projectspark.platform.redis.Redis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

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
 * (it was down), every marker is dropped once Redis answers again, so boards are rebuilt instead of
 * silently missing XP.
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

    /** Whether the board can be read from Redis now; empty when Redis is down. */
    public Optional<Boolean> isBuilt(Board board) {
        forgetBoardsIfWritesWereLost();
        return redis.call(r -> r.exists(board.builtMarkerKey()));
    }

    /** Takes the right to rebuild a board for a while; false when another instance (or thread) has it. */
    public boolean lockForRebuild(Board board) {
        return redis.call(r -> r.set(board.rebuildLockKey(), "1", SetParams.setParams().nx().ex(LOCK_SECONDS))).isPresent();
    }

    /** Merges the board computed by PostgreSQL into the sorted set, removes who is no longer on it, marks it built. */
    public boolean rebuild(Board board, List<Standing.Scored> scored) {
        return redis.call(r -> {
            Set<String> fresh = new HashSet<>();
            try (Pipeline p = r.pipelined()) {
                Map<String, Double> batch = new HashMap<>();
                for (Standing.Scored s : scored) {
                    String member = s.studentId().toString();
                    fresh.add(member);
                    batch.put(member, (double) s.xp());
                    if (batch.size() == BATCH) {
                        p.zadd(board.key(), batch, ZAddParams.zAddParams().gt());
                        batch = new HashMap<>();
                    }
                }
                if (!batch.isEmpty()) {
                    p.zadd(board.key(), batch, ZAddParams.zAddParams().gt());
                }
                p.sync();
            }
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

    /** The first {@code limit} standings; empty when Redis is down. */
    public Optional<List<Standing>> top(Board board, int limit) {
        return redis.call(r -> {
            List<Standing.Scored> run = scored(r.zrevrangeWithScores(board.key(), 0, limit - 1L));
            return Standing.rank(run, 1, 0);
        });
    }

    /** The student and up to {@code neighbours} each side (empty list: not on the board); empty when Redis is down. */
    public Optional<List<Standing>> around(Board board, UUID studentId, int neighbours) {
        return redis.call(r -> {
            Long position = r.zrevrank(board.key(), studentId.toString());
            if (position == null) {
                return List.<Standing>of();
            }
            long first = Math.max(0, position - neighbours);
            List<Standing.Scored> run = scored(r.zrevrangeWithScores(board.key(), first, position + neighbours));
            if (run.isEmpty()) {
                return List.<Standing>of();
            }
            long above = r.zcount(board.key(), "(" + run.get(0).xp(), "+inf");
            return Standing.rank(run, above + 1, first);
        });
    }

    public Optional<Long> size(Board board) {
        return redis.call(r -> r.zcard(board.key()));
    }

    /** Raises (never lowers) a student's score on boards, removes them from others; one round trip. */
    public void update(Map<Board, Long> scores, Collection<Board> leave, String studentId) {
        if (scores.isEmpty() && leave.isEmpty()) {
            return;
        }
        forgetBoardsIfWritesWereLost();
        boolean written = redis.call(r -> {
            try (Pipeline p = r.pipelined()) {
                scores.forEach((board, xp) -> {
                    p.zadd(board.key(), xp, studentId, ZAddParams.zAddParams().gt());
                    if (board.period() == Board.Period.WEEK) {
                        p.expire(board.key(), WEEK_KEY_SECONDS);
                    }
                });
                leave.forEach(board -> p.zrem(board.key(), studentId));
                p.sync();
            }
            return true;
        }).orElse(false);
        if (!written) {
            writesLost = true;
        }
    }

    /** Drops every board (after XP went down in a recompute); they are rebuilt from PostgreSQL when next read. */
    public boolean dropAll() {
        return redis.call(r -> {
            deleteMatching(r, "spark:lb:*");
            deleteMatching(r, "spark:lb-built:*");
            return true;
        }).orElse(false);
    }

    private void forgetBoardsIfWritesWereLost() {
        if (writesLost && !redis.isMarkedDown()) {
            redis.call(r -> {
                deleteMatching(r, "spark:lb-built:*");
                writesLost = false;
                LOG.info("Redis is back after missing leaderboard updates; boards will be rebuilt from PostgreSQL");
                return true;
            });
        }
    }

    private static void deleteMatching(redis.clients.jedis.JedisPooled r, String pattern) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(1_000);
        do {
            ScanResult<String> page = r.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                r.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    private static List<Standing.Scored> scored(List<Tuple> tuples) {
        List<Standing.Scored> run = new ArrayList<>(tuples.size());
        for (Tuple t : tuples) {
            run.add(new Standing.Scored(UUID.fromString(t.getElement()), (long) t.getScore()));
        }
        return run;
    }
}
