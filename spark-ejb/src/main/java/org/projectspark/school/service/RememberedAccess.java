package org.projectspark.school.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.platform.cache.Copies;
import org.projectspark.platform.cache.InstanceCopies;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Recent answers to "may this reader see that?", per reader, for {@value #TTL_MILLIS} ms: a staff room polling a
 * dashboard, or a student's app opening its boards, costs the database one check per reader and burst, not one per
 * read. Dropped for a user on every instance ({@link InstanceCopies}) when their account, school, classes or teaching
 * change. Refusals (the check throws) are not remembered.
 */
@ApplicationScoped
public class RememberedAccess {

    static final long TTL_MILLIS = 2_000;

    /** What was asked: one kind of access (each kind always answered with the same type) to one thing. */
    public record Question(String kind, UUID id) {
    }

    @Inject
    InstanceCopies copies;

    private Copies<UUID, Map<Question, Object>> byReader;

    @PostConstruct
    void init() {
        byReader = copies.byId("access", Duration.ofMillis(TTL_MILLIS), 50_000);
    }

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
        byReader.drop(changed.userId());
    }

    void membershipChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged changed) {
        byReader.drop(changed.userId());
    }

    void teachingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClassTeachingChanged changed) {
        byReader.drop(changed.teacherId());
    }
}
