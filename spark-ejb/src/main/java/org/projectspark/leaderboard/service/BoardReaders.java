package org.projectspark.leaderboard.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.projectspark.account.service.AccountChanged;
import org.projectspark.school.service.ClassTeachingChanged;
import org.projectspark.school.service.MembershipChanged;
import org.projectspark.school.service.SchoolService;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Who may read a class's or a school's board, as {@link SchoolService} answers it, remembered per reader for
 * {@value #ACCESS_TTL_MILLIS} ms: a board is read far more often than a membership changes, and the check is SQL
 * (with it on every read a class's top ten served 1,000–1,400 req/s against the global board's ~8,000). Dropped for a
 * user at once (on this instance) when their account, memberships or teaching change; other instances follow within
 * that time, as with sign-outs. Refusals are not remembered.
 */
@ApplicationScoped
public class BoardReaders {

    static final long ACCESS_TTL_MILLIS = 2_000;

    @EJB
    SchoolService schools;

    /** Per reader: the classes and schools they may read, by id, with the name their boards show. */
    private final Cache<UUID, Map<UUID, String>> readable = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(ACCESS_TTL_MILLIS)).maximumSize(50_000).build();

    /** The class's name, if the caller attends or teaches it or manages its school (403 or 404 otherwise). */
    public String className(UUID callerId, UUID classId) {
        return remembered(callerId, classId, () -> schools.schoolClass(callerId, classId).name());
    }

    /** The school's name, if the caller belongs to it (403 or 404 otherwise). */
    public String schoolName(UUID callerId, UUID schoolId) {
        return remembered(callerId, schoolId, () -> schools.school(callerId, schoolId).name());
    }

    private String remembered(UUID callerId, UUID boardOwner, Supplier<String> check) {
        Map<UUID, String> mine = readable.get(callerId, k -> new ConcurrentHashMap<>());
        String name = mine.get(boardOwner);
        if (name == null) {
            name = check.get();
            mine.put(boardOwner, name);
        }
        return name;
    }

    void accountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged changed) {
        readable.invalidate(changed.userId());
    }

    void membershipChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged changed) {
        readable.invalidate(changed.userId());
    }

    void teachingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClassTeachingChanged changed) {
        readable.invalidate(changed.teacherId());
    }
}
