package org.projectspark.school.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.projectspark.account.service.ProfileChanged;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Recent answers to "may this reader see that?", per reader, for {@value #TTL_MILLIS} ms: a staff room polling a
 * dashboard, or a student's app opening its boards, costs the database one check per reader and burst, not one per
 * read. Dropped for a user at once (on this instance) when their account, school, classes or teaching change; other
 * instances follow within that time, as with sign-outs. Refusals (the check throws) are not remembered.
 */
@ApplicationScoped
public class RememberedAccess {

    static final long TTL_MILLIS = 2_000;

    /** What was asked: one kind of access (each kind always answered with the same type) to one thing. */
    public record Question(String kind, UUID id) {
    }

    private final Cache<UUID, Map<Question, Object>> byReader = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(TTL_MILLIS)).maximumSize(50_000).build();

    /** The reader's remembered answer to the question, or the check's (which throws when the answer is no). */
    @SuppressWarnings("unchecked")
    public <T> T answer(UUID readerId, Question question, Supplier<T> check) {
        Map<Question, Object> mine = byReader.get(readerId, k -> new ConcurrentHashMap<>());
        Object known = mine.get(question);
        if (known == null) {
            known = check.get();
            mine.put(question, known);
        }
        return (T) known;
    }

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        byReader.invalidate(changed.userId());
    }

    void membershipChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged changed) {
        byReader.invalidate(changed.userId());
    }

    void teachingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClassTeachingChanged changed) {
        byReader.invalidate(changed.teacherId());
    }
}
