package org.projectspark.leaderboard.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.platform.cache.Copies;
import org.projectspark.platform.cache.InstanceCopies;
import org.projectspark.platform.persistence.LagTolerantReads;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a board shows of a student besides XP: name, level, whether the name is hidden on global boards.
 * Every student of a board opens the same top ten, so cards are kept for {@value #TTL_SECONDS} s on each
 * instance, dropped on every instance when the account changes ({@link InstanceCopies}). Read where lag is tolerated
 * ({@link LagTolerantReads}): a card reloaded from a lagging replica right after a change is at most its time old.
 */
@ApplicationScoped
public class StudentCards {

    static final long TTL_SECONDS = 10;

    @Inject
    LagTolerantReads reads;

    /** A student as boards show them. */
    public record Card(UUID studentId, String displayName, int level, boolean hiddenOnGlobalBoards) {
    }

    @Inject
    InstanceCopies copies;

    private Copies<UUID, Card> cards;

    @PostConstruct
    void init() {
        cards = copies.byId("student-cards", Duration.ofSeconds(TTL_SECONDS), 200_000);
    }

    public Map<UUID, Card> of(Collection<UUID> studentIds) {
        return cards.getAll(studentIds, this::load);
    }

    private Map<UUID, Card> load(Set<? extends UUID> ids) {
        return reads.read(em -> em.createQuery("SELECT NEW org.projectspark.leaderboard.service.StudentCards.Card(p.user.id, p.displayName,"
                        + " p.standing.level, p.hideNameOnGlobalBoards) FROM Profile p WHERE p.user.id IN :ids", Card.class)
                .setParameter("ids", List.copyOf(ids)).getResultStream().collect(Collectors.toMap(Card::studentId, c -> c)));
    }

    void profileChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        cards.drop(changed.userId());
    }

    void standingChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StandingChanged changed) {
        cards.drop(changed.studentId());
    }
}
