package org.projectspark.sync.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.projectspark.leaderboard.domain.Board;
import org.projectspark.leaderboard.domain.Standing;
import org.projectspark.leaderboard.service.BoardPage;
import org.projectspark.leaderboard.service.Leaderboards;
import org.projectspark.leaderboard.service.StudentCards;
import org.projectspark.notification.domain.NotificationData;
import org.projectspark.platform.error.GoneException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.persistence.SqlValues;
import org.projectspark.sync.domain.SyncCursor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What changed for a student since their device's cursor (see {@link SyncCursor}): a first sync pages through
 * the whole state, then rounds of deltas read the trigger-written change log for the student, their classes and
 * their classes' courses. Each change is answered with the entity's current state (a device upserts by id), so
 * a change read twice does no harm. Course content is only referenced (id, version, ETag): the device fetches a
 * course body once per version with {@code If-None-Match}. The last page of a round carries a leaderboard snapshot.
 * Read from the primary: the cursor's transaction watermark is only meaningful on the database that wrote the log.
 */
@ApplicationScoped
public class SyncChanges {

    private static final int SECTION_STATE = 0;
    private static final int SECTION_PROGRESS = 1;
    private static final int SECTION_SUBMISSIONS = 2;
    private static final int SECTIONS = 3;

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    SyncSettings settings;

    @Inject
    Leaderboards boards;

    @Inject
    StudentCards cards;

    public ChangesPage changes(UUID studentId, Optional<String> since, int limit) {
        Instant now = Instant.now();
        SyncCursor cursor = since.map(s -> SyncCursor.decode(s)
                        .orElseThrow(() -> new InvalidRequestException("since must be a cursor this server gave (or absent for a first sync)")))
                .orElseGet(() -> SyncCursor.fullFrom(watermark(), now));
        if (cursor.issuedAt().isBefore(now.minus(Duration.ofDays(SyncSettings.CHANGES_KEPT_DAYS - 1)))) {
            throw new GoneException("this cursor is older than the " + SyncSettings.CHANGES_KEPT_DAYS
                    + " days of changes the server keeps; start again with a full sync (no since)");
        }
        Collected changes = new Collected(studentId);
        SyncCursor next;
        boolean more;
        if (cursor.mode() == SyncCursor.Mode.FULL) {
            next = full(changes, cursor, limit);
            more = next.mode() == SyncCursor.Mode.FULL;
        } else {
            if (cursor.nextWatermark() == 0) {
                cursor = new SyncCursor(SyncCursor.Mode.DELTA, cursor.watermark(), 0, watermark(), 0, "", now);
            }
            long last = delta(changes, cursor, limit);
            more = last > 0;
            next = more ? cursor.nextPage(last) : new SyncCursor(SyncCursor.Mode.DELTA, cursor.nextWatermark(), 0, 0, 0, "", now);
        }
        return new ChangesPage(cursor.mode(), next.encode(), more, changes.build(), more ? null : leaderboards(studentId, changes.classIds()));
    }

    /** The oldest transaction still running: anything this read cannot see was written at or above it. */
    private long watermark() {
        return Long.parseLong((String) em.createNativeQuery("SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text)").getSingleResult());
    }

    // --- first sync: the whole state, section by section ---

    private SyncCursor full(Collected changes, SyncCursor cursor, int limit) {
        switch (cursor.section()) {
            case SECTION_STATE -> {
                changes.profile();
                changes.classes(null);
                changes.badges(null);
                changes.notifications(null);
                return cursor.nextSection(SECTION_PROGRESS, "");
            }
            case SECTION_PROGRESS -> {
                String last = changes.progress(null, cursor.afterKey(), limit);
                return last == null ? cursor.nextSection(SECTION_SUBMISSIONS, "") : cursor.nextSection(SECTION_PROGRESS, last);
            }
            case SECTION_SUBMISSIONS -> {
                String last = changes.submissions(null, cursor.afterKey(), limit);
                return last == null ? SyncCursor.deltaFrom(cursor.watermark(), cursor.issuedAt()).withoutRound()
                        : cursor.nextSection(SECTION_SUBMISSIONS, last);
            }
            default -> throw new InvalidRequestException("since must be a cursor this server gave (section " + cursor.section() + " of " + SECTIONS + ")");
        }
    }

    // --- deltas: the change log of the student's scopes ---

    /** Adds a page of changes; the sequence of the last one when there are more, else 0. */
    private long delta(Collected changes, SyncCursor cursor, int limit) {
        List<UUID> scopes = new ArrayList<>();
        scopes.add(changes.studentId);
        scopes.addAll(changes.classIds());
        scopes.addAll(changes.courseIds());
        String in = scopes.stream().map(s -> "?").collect(Collectors.joining(","));
        Query q = em.createNativeQuery("SELECT seq, entity, entity_key FROM sync_changes WHERE scope_id IN (" + in + ")"
                + " AND txid >= CAST(CAST(? AS text) AS xid8) AND seq > ? ORDER BY seq LIMIT ?");
        int p = 1;
        for (UUID s : scopes) {
            q.setParameter(p++, s);
        }
        q.setParameter(p++, Long.toString(cursor.watermark())).setParameter(p++, cursor.afterSeq()).setParameter(p, limit + 1);
        List<LoggedChange> rows = ((List<?>) q.getResultList()).stream().map(LoggedChange::of).toList();
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        long last = 0;
        for (LoggedChange change : rows.subList(0, Math.min(rows.size(), limit))) {
            last = change.seq();
            keys.computeIfAbsent(change.entity(), k -> new LinkedHashSet<>()).add(change.key());
        }
        keys.forEach((entity, ids) -> {
            switch (entity) {
                case "profile" -> changes.profile();
                case "class" -> changes.classes(ids);
                case "course" -> changes.courses(ids);
                case "progress" -> changes.progress(ids, "", Integer.MAX_VALUE);
                case "submission" -> changes.submissions(ids, "", Integer.MAX_VALUE);
                case "badge" -> changes.badges(ids);
                case "notification" -> changes.notifications(ids);
                default -> { }
            }
        });
        return rows.size() > limit ? last : 0;
    }

    /** A row of the change log: which entity of which kind changed. */
    private record LoggedChange(long seq, String entity, String key) {
        static LoggedChange of(Object row) {
            Object[] r = (Object[]) row;
            return new LoggedChange(((Number) r[0]).longValue(), (String) r[1], (String) r[2]);
        }
    }

    // --- leaderboard snapshot ---

    private List<ChangesPage.ClassBoard> leaderboards(UUID studentId, List<UUID> classIds) {
        List<ChangesPage.ClassBoard> a = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (UUID classId : classIds) {
            Board board = Board.of(Board.Scope.CLASS, classId, Board.Period.WEEK, now);
            BoardPage top = boards.top(board, 10);
            BoardPage me = boards.around(board, studentId, 2);
            Set<UUID> ids = new LinkedHashSet<>();
            top.standings().forEach(s -> ids.add(s.studentId()));
            me.standings().forEach(s -> ids.add(s.studentId()));
            Map<UUID, StudentCards.Card> names = cards.of(ids);
            a.add(new ChangesPage.ClassBoard(classId.toString(), board.week().orElse(""), top.total(),
                    lines(top.standings(), names), lines(me.standings(), names)));
        }
        return a;
    }

    private static List<ChangesPage.BoardLine> lines(List<Standing> standings, Map<UUID, StudentCards.Card> names) {
        return standings.stream().map(s -> {
            StudentCards.Card card = names.get(s.studentId());
            return new ChangesPage.BoardLine(s.rank(), s.studentId().toString(), card == null ? "" : card.displayName(), s.xp());
        }).toList();
    }

    /** The entities of one page, by kind, each in its current state. */
    private final class Collected {
        final UUID studentId;
        private List<UUID> classIds;
        private List<UUID> courseIds;
        private ChangesPage.ProfileState profile;
        private final Map<String, ChangesPage.ClassState> classes = new LinkedHashMap<>();
        private final Set<String> removedClasses = new LinkedHashSet<>();
        private final Map<String, ChangesPage.CourseRef> courses = new LinkedHashMap<>();
        private final Set<String> removedCourses = new LinkedHashSet<>();
        private final List<ChangesPage.ProgressState> progress = new ArrayList<>();
        private final List<ChangesPage.SubmissionState> submissions = new ArrayList<>();
        private final Map<String, ChangesPage.BadgeState> badges = new LinkedHashMap<>();
        private final Map<String, ChangesPage.NotificationState> notifications = new LinkedHashMap<>();
        private final Set<String> removedNotifications = new LinkedHashSet<>();

        Collected(UUID studentId) {
            this.studentId = studentId;
        }

        List<UUID> classIds() {
            if (classIds == null) {
                classIds = uuids(em.createNativeQuery("SELECT CAST(class_id AS text) FROM class_enrolments WHERE student_id = ?1 ORDER BY class_id")
                        .setParameter(1, studentId).getResultList());
            }
            return classIds;
        }

        List<UUID> courseIds() {
            if (courseIds == null) {
                courseIds = uuids(em.createNativeQuery("SELECT DISTINCT CAST(cc.course_id AS text) FROM class_courses cc"
                        + " JOIN class_enrolments e ON e.class_id = cc.class_id WHERE e.student_id = ?1").setParameter(1, studentId).getResultList());
            }
            return courseIds;
        }

        void profile() {
            Object[] r = (Object[]) em.createNativeQuery("SELECT p.display_name, p.locale, p.time_zone, p.xp_points, p.level,"
                    + " COALESCE(s.current_days, 0), COALESCE(s.longest_days, 0), CAST(s.last_active_on AS text)"
                    + " FROM profiles p LEFT JOIN streaks s ON s.student_id = p.user_id WHERE p.user_id = ?1").setParameter(1, studentId).getSingleResult();
            profile = new ChangesPage.ProfileState((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                    ((Number) r[4]).intValue(), ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), (String) r[7]);
        }

        /** The classes among {@code ids} (all when null) the student is enrolled in; the others were left. */
        void classes(Set<String> ids) {
            Set<String> enrolled = classIds().stream().map(UUID::toString).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> wanted = ids == null ? enrolled : ids;
            for (String id : wanted) {
                if (!enrolled.contains(id)) {
                    removedClasses.add(id);
                    continue;
                }
                Object[] c = (Object[]) em.createNativeQuery("SELECT name, grade, subject, CAST(school_id AS text) FROM classes WHERE id = ?1")
                        .setParameter(1, UUID.fromString(id)).getSingleResult();
                List<ChangesPage.Assignment> assignments = ((List<?>) em.createNativeQuery("SELECT CAST(course_id AS text), assigned_at, due_at"
                                + " FROM class_courses WHERE class_id = ?1 ORDER BY assigned_at, course_id")
                        .setParameter(1, UUID.fromString(id)).getResultList()).stream().map(row -> {
                            Object[] a = (Object[]) row;
                            return new ChangesPage.Assignment((String) a[0], SqlValues.instant(a[1]), a[2] == null ? null : SqlValues.instant(a[2]));
                        }).toList();
                classes.put(id, new ChangesPage.ClassState(id, (String) c[0], (String) c[3], assignments, (String) c[1], (String) c[2]));
                courses(assignments.stream().map(ChangesPage.Assignment::courseId).collect(Collectors.toCollection(LinkedHashSet::new)));
            }
        }

        /** Course references (content is fetched once per version by ETag); unpublished ones are removed. */
        void courses(Set<String> ids) {
            Set<String> mine = courseIds().stream().map(UUID::toString).collect(Collectors.toSet());
            for (String id : ids) {
                Optional<Object[]> row = em.createNativeQuery("SELECT status, content_version, subject, default_locale FROM courses WHERE id = ?1")
                        .setParameter(1, UUID.fromString(id)).getResultStream().findFirst().map(Object[].class::cast);
                if (row.isEmpty() || !mine.contains(id) || !"PUBLISHED".equals(row.get()[0])) {
                    if (!courses.containsKey(id)) {
                        removedCourses.add(id);
                    }
                    continue;
                }
                Object[] r = row.get();
                removedCourses.remove(id);
                courses.put(id, new ChangesPage.CourseRef(id, ((Number) r[1]).intValue(), (String) r[2], (String) r[3]));
            }
        }

        /** Progress rows (the given activities, or all after {@code after}); the last key when the page is full. */
        String progress(Set<String> activityIds, String after, int limit) {
            Query q = em.createNativeQuery("SELECT CAST(activity_id AS text), status, percent, best_score, attempts, last_accessed, completed_at"
                    + " FROM student_progress WHERE student_id = ?1 AND " + (activityIds == null
                    ? "CAST(activity_id AS text) > ?2 ORDER BY CAST(activity_id AS text) LIMIT ?3"
                    : "activity_id IN (" + params(activityIds.size(), 2) + ")")).setParameter(1, studentId);
            bind(q, activityIds, after, limit);
            List<ChangesPage.ProgressState> rows = ((List<?>) q.getResultList()).stream().map(row -> {
                Object[] r = (Object[]) row;
                return new ChangesPage.ProgressState((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[4]).intValue(),
                        SqlValues.instant(r[5]), (BigDecimal) r[3], r[6] == null ? null : SqlValues.instant(r[6]));
            }).toList();
            progress.addAll(rows);
            return activityIds == null && rows.size() == limit ? rows.get(rows.size() - 1).activityId() : null;
        }

        String submissions(Set<String> ids, String after, int limit) {
            Query q = em.createNativeQuery("SELECT CAST(id AS text), CAST(client_submission_id AS text), CAST(activity_id AS text), attempt,"
                    + " score, correct_count, question_count, xp_awarded, submitted_at FROM submissions WHERE student_id = ?1 AND " + (ids == null
                    ? "CAST(id AS text) > ?2 ORDER BY CAST(id AS text) LIMIT ?3"
                    : "id IN (" + params(ids.size(), 2) + ")")).setParameter(1, studentId);
            bind(q, ids, after, limit);
            List<ChangesPage.SubmissionState> rows = ((List<?>) q.getResultList()).stream().map(row -> {
                Object[] r = (Object[]) row;
                return new ChangesPage.SubmissionState((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(), (BigDecimal) r[4],
                        ((Number) r[5]).intValue(), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), SqlValues.instant(r[8]));
            }).toList();
            submissions.addAll(rows);
            return ids == null && rows.size() == limit ? rows.get(rows.size() - 1).id() : null;
        }

        /** The student's badges ({@code keys} "BADGE/scope" narrow it; a student holds a few dozen at most). */
        void badges(Set<String> keys) {
            List<?> rows = em.createNativeQuery("SELECT badge, CAST(scope_id AS text), earned_at, seen_at FROM student_badges WHERE student_id = ?1 ORDER BY earned_at, badge")
                    .setParameter(1, studentId).getResultList();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                ChangesPage.BadgeState badge = new ChangesPage.BadgeState((String) r[0], (String) r[1], SqlValues.instant(r[2]),
                        r[3] == null ? null : SqlValues.instant(r[3]));
                String key = badge.badge() + "/" + badge.scopeId();
                if (keys == null || keys.contains(key)) {
                    badges.put(key, badge);
                }
            }
        }

        /** Notifications by id (deleted ones are removed), or on a first sync the unread and the last 30 days'. */
        void notifications(Set<String> ids) {
            Query q = em.createNativeQuery("SELECT CAST(id AS text), kind, title, body, is_read, read_at, created_at, CAST(data AS text) FROM user_notifications"
                    + " WHERE user_id = ?1 AND " + (ids == null ? "(NOT is_read OR created_at > now() - interval '30 days') ORDER BY created_at DESC LIMIT 500"
                    : "id IN (" + params(ids.size(), 2) + ")")).setParameter(1, studentId);
            bind(q, ids, null, 0);
            for (Object row : q.getResultList()) {
                Object[] r = (Object[]) row;
                notifications.put((String) r[0], new ChangesPage.NotificationState((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                        NotificationData.parse((String) r[7]).values(), (Boolean) r[4], SqlValues.instant(r[6]), r[5] == null ? null : SqlValues.instant(r[5])));
            }
            if (ids != null) {
                ids.stream().filter(id -> !notifications.containsKey(id)).forEach(removedNotifications::add);
            }
        }

        ChangesPage.Changes build() {
            return new ChangesPage.Changes(profile, List.copyOf(classes.values()), List.copyOf(removedClasses), List.copyOf(courses.values()),
                    List.copyOf(removedCourses), List.copyOf(progress), List.copyOf(submissions), List.copyOf(badges.values()),
                    List.copyOf(notifications.values()), List.copyOf(removedNotifications));
        }
    }

    private static void bind(Query q, Set<String> ids, String after, int limit) {
        if (ids == null) {
            if (after != null) {
                q.setParameter(2, after).setParameter(3, limit);
            }
            return;
        }
        int p = 2;
        for (String id : ids) {
            q.setParameter(p++, UUID.fromString(id));
        }
    }

    private static String params(int n, int first) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add("?" + (first + i));
        }
        return String.join(",", p);
    }

    private static List<UUID> uuids(List<?> rows) {
        return rows.stream().map(r -> UUID.fromString((String) r)).toList();
    }
}
