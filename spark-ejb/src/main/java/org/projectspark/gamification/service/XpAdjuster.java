package org.projectspark.gamification.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.gamification.domain.XpEvent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Corrects one student's XP in its own transaction, with their profile locked against learning in between. */
@Stateless
public class XpAdjuster {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    XpHistory history;

    @Inject
    GamificationSettings gamification;

    @Inject
    Event<StandingChanged> standingChanged;

    /** XP before and after a correction. */
    public record Adjustment(long before, long after) {
    }

    /** Appends the ledger line that brings the student to what the rules give now; empty when nothing changes. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Adjustment> adjust(UUID studentId, UUID runId) {
        Profile profile = em.createQuery("SELECT p FROM Profile p WHERE p.user.id = :id", Profile.class).setParameter("id", studentId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
        long target = history.replay(em, studentId, profile.zone());
        long before = profile.xpPoints();
        long delta = target - before;
        if (delta == 0) {
            return Optional.empty();
        }
        em.persist(new XpEvent(studentId, Math.toIntExact(delta), XpEvent.RULES_ADJUSTMENT, runId, OffsetDateTime.now(ZoneOffset.UTC)));
        profile.moveTo(profile.standing().adjustedBy(delta, gamification.curve()));
        standingChanged.fire(new StandingChanged(studentId));
        return Optional.of(new Adjustment(before, target));
    }
}
