package org.projectspark.leaderboard.service;

import org.junit.jupiter.api.Test;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.platform.redis.Redis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a Redis Cluster, the keys of one script, and those one rebuild writes, must lie in one slot (Redis refuses a
 * script whose keys do not): each board's keys carry the board's hash tag. The slot is Redis Cluster's own, CRC16 of
 * the tag modulo 16384, as the cluster client computes it.
 */
class BoardKeysTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-07T10:00Z");

    private static List<Board> everyKindOfBoard() {
        List<Board> boards = new ArrayList<>();
        for (Board.Period period : Board.Period.values()) {
            boards.add(Board.of(Board.Scope.GLOBAL, null, period, NOW));
            boards.add(Board.of(Board.Scope.SCHOOL, UUID.randomUUID(), period, NOW));
            boards.add(Board.of(Board.Scope.CLASS, UUID.randomUUID(), period, NOW));
        }
        return boards;
    }

    @Test
    void aBoardsScriptKeysAndEveryKeyItsRebuildWritesShareOneSlot() {
        for (Board board : everyKindOfBoard()) {
            int slot = JedisClusterCRC16.getSlot(board.key());
            List<String> keys = new ArrayList<>(BoardStore.scriptKeys(board));
            keys.addAll(List.of(board.builtMarkerKey(), board.rebuildLockKey()));
            assertThat(keys).as(board.toString()).contains(board.key())
                    .allSatisfy(key -> assertThat(JedisClusterCRC16.getSlot(key)).as(key).isEqualTo(slot));
        }
    }

    @Test
    void differentBoardsSpreadOverTheSlotsOfEveryMaster() {
        // one tag per board, not one for all boards: three masters split the 16384 slots in thirds, and each holds boards
        Set<Integer> slots = new HashSet<>();
        int[] perMaster = new int[3];
        IntStream.range(0, 300).mapToObj(i -> Board.of(Board.Scope.CLASS, UUID.randomUUID(), Board.Period.ALL_TIME, NOW)).forEach(b -> {
            int slot = JedisClusterCRC16.getSlot(b.key());
            slots.add(slot);
            perMaster[slot * 3 / 16384]++;
        });
        assertThat(slots).hasSizeGreaterThan(280);
        assertThat(IntStream.of(perMaster).min().orElseThrow()).as("boards on the master with fewest").isGreaterThan(60);
        assertThat(JedisClusterCRC16.getSlot(Board.of(Board.Scope.GLOBAL, null, Board.Period.ALL_TIME, NOW).key()))
                .isNotEqualTo(JedisClusterCRC16.getSlot(Board.of(Board.Scope.GLOBAL, null, Board.Period.WEEK, NOW).key()));
    }

    /** Against the machine's real Redis (127.0.0.1:6379, database 1): the braces in a key are plain characters to MATCH. */
    @Test
    void theScanPatternsFindEveryBoardKeyAndTheMarkersAlone() {
        Board board = Board.of(Board.Scope.CLASS, UUID.randomUUID(), Board.Period.WEEK, NOW);
        String legacy = "spark:lb-built:class:" + board.scopeId() + ":week:2026-W50"; // the layout before hash tags
        Redis redis = Redis.connect("redis://127.0.0.1:6379/1");
        try {
            UnifiedJedis r = redis.client().orElseThrow();
            List<String> keys = List.of(board.key(), board.builtMarkerKey(), board.rebuildLockKey(), legacy);
            keys.forEach(k -> r.setex(k, 60, "1"));
            assertThat(matching(redis, r, Board.BUILT_MARKERS, board)).containsExactly(board.builtMarkerKey());
            assertThat(matching(redis, r, Board.ALL_KEYS, board)).containsExactlyInAnyOrderElementsOf(keys);
            keys.forEach(r::del);
        } finally {
            redis.close();
        }
    }

    private static List<String> matching(Redis redis, UnifiedJedis r, String pattern, Board board) {
        List<String> found = new ArrayList<>();
        redis.scan(r, pattern, page -> page.stream().filter(k -> k.contains(board.scopeId().toString())).forEach(found::add));
        return found;
    }
}
