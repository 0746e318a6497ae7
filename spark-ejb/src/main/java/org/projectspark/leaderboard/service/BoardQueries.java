package org.projectspark.leaderboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;
import org.projectspark.platform.persistence.LagTolerantReads;
import org.projectspark.platform.persistence.SqlValues;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Boards computed by PostgreSQL: the source the Redis sorted sets are rebuilt from, and the answer while
 * Redis is down. Only ranked profiles (active students) count; a weekly board counts the XP earned that
 * week (not rule corrections) by students who earned some. Whole boards tolerate the replica's lag (a rebuild merges
 * with ZADD GT, so a score Redis already holds is never lowered); a student's totals, read after their commit to move
 * them on the boards, come from the primary.
 */
@ApplicationScoped
public class BoardQueries {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    LagTolerantReads reads;

    /** Every scored student of the board, in board order. */
    public List<Standing.Scored> all(Board board) {
        return reads.read(em -> scored(bind(em.createNativeQuery(board(board) + " SELECT student_id, xp FROM board ORDER BY xp DESC, student_id DESC"), board)));
    }

    /** The first {@code limit} standings. */
    public List<Standing> top(Board board, int limit) {
        return reads.read(em -> standings(bind(em.createNativeQuery(board(board)
                + " SELECT student_id, xp, rank() OVER (ORDER BY xp DESC) FROM board ORDER BY xp DESC, student_id DESC LIMIT ?9"), board)
                .setParameter(9, limit)));
    }

    /** The student's standing and up to {@code neighbours} on each side; empty when they are not on the board. */
    public List<Standing> around(Board board, UUID studentId, int neighbours) {
        return reads.read(em -> standings(bind(em.createNativeQuery(board(board)
                + ", placed AS (SELECT student_id, xp, rank() OVER (ORDER BY xp DESC) AS rank,"
                + " row_number() OVER (ORDER BY xp DESC, student_id DESC) AS pos FROM board)"
                + " SELECT p.student_id, p.xp, p.rank FROM placed p, (SELECT pos FROM placed WHERE student_id = ?8) me"
                + " WHERE p.pos BETWEEN me.pos - ?9 AND me.pos + ?9 ORDER BY p.pos"), board)
                .setParameter(8, studentId).setParameter(9, neighbours)));
    }

    public long size(Board board) {
        return reads.read(em -> ((Number) bind(em.createNativeQuery(board(board) + " SELECT count(*) FROM board"), board).getSingleResult()).longValue());
    }

    /** Where a student is scored: their school and classes, whether ranked, their all-time and weekly XP. */
    public Optional<StudentBoards> boardsOf(UUID studentId, OffsetDateTime weekStart) {
        return SqlValues.rows(em.createNativeQuery("SELECT p.user_id, p.ranked, p.xp_points, p.school_id,"
                        + " (SELECT COALESCE(SUM(e.points), 0) FROM xp_events e WHERE e.student_id = p.user_id"
                        + "  AND e.created_at >= ?2 AND e.created_at < ?3 AND e.reason <> 'RULES_ADJUSTMENT'),"
                        + " (SELECT string_agg(c.class_id::text, ',') FROM class_enrolments c WHERE c.student_id = p.user_id)"
                        + " FROM profiles p WHERE p.user_id = ?1")
                .setParameter(1, studentId).setParameter(2, weekStart).setParameter(3, weekStart.plusWeeks(1)), StudentBoards::of)
                .stream().findFirst();
    }

    /** The SQL of a CTE {@code board(student_id, xp)}; parameters ?1 scope id, ?2/?3 the week. */
    private static String board(Board board) {
        String scope = switch (board.scope()) {
            case GLOBAL -> "";
            case SCHOOL -> " AND p.school_id = ?1";
            case CLASS -> " AND EXISTS (SELECT 1 FROM class_enrolments c WHERE c.class_id = ?1 AND c.student_id = p.user_id)";
        };
        return switch (board.period()) {
            case ALL_TIME -> "WITH board AS (SELECT p.user_id AS student_id, p.xp_points AS xp FROM profiles p WHERE p.ranked" + scope + ")";
            case WEEK -> "WITH board AS (SELECT e.student_id, SUM(e.points) AS xp FROM xp_events e JOIN profiles p ON p.user_id = e.student_id"
                    + " WHERE p.ranked AND e.created_at >= ?2 AND e.created_at < ?3 AND e.reason <> 'RULES_ADJUSTMENT'" + scope
                    + " GROUP BY e.student_id HAVING SUM(e.points) > 0)";
        };
    }

    private static Query bind(Query q, Board board) {
        if (board.scopeId() != null) {
            q.setParameter(1, board.scopeId());
        }
        board.startsAt().ifPresent(s -> q.setParameter(2, s).setParameter(3, board.endsAt().orElseThrow()));
        return q;
    }

    private static List<Standing.Scored> scored(Query q) {
        return SqlValues.rows(q, r -> new Standing.Scored((UUID) r[0], ((Number) r[1]).longValue()));
    }

    private static List<Standing> standings(Query q) {
        return SqlValues.rows(q, r -> new Standing((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
    }

    /** Where a student is scored, from PostgreSQL. */
    public record StudentBoards(UUID studentId, boolean ranked, long xp, Optional<UUID> schoolId, long weekXp, List<UUID> classIds) {

        /** Classes come as one comma-separated column: a student's boards are read in one row. */
        static StudentBoards of(Object[] row) {
            List<UUID> classes = row[5] == null ? List.of() : Arrays.stream(((String) row[5]).split(",")).map(UUID::fromString).toList();
            return new StudentBoards((UUID) row[0], (Boolean) row[1], ((Number) row[2]).longValue(), Optional.ofNullable((UUID) row[3]),
                    ((Number) row[4]).longValue(), classes);
        }
    }
}
