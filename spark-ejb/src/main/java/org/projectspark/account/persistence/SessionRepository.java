package org.projectspark.account.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.AuthSession;
import org.projectspark.account.domain.RefreshToken;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sign-in sessions and their refresh tokens. */
@ApplicationScoped
public class SessionRepository {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    public void add(AuthSession session) {
        em.persist(session);
    }

    public void add(RefreshToken token) {
        em.persist(token);
    }

    public Optional<AuthSession> find(UUID id) {
        return Optional.ofNullable(em.find(AuthSession.class, id));
    }

    /** Locks the token row so that two concurrent refreshes with one token cannot both succeed. */
    public Optional<RefreshToken> findTokenForUpdate(String tokenHash) {
        return Optional.ofNullable(em.find(RefreshToken.class, tokenHash, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<UUID> openSessionIdsOf(UUID userId) {
        return em.createQuery("SELECT s.id FROM AuthSession s WHERE s.user.id = :userId AND s.revokedAt IS NULL", UUID.class)
                .setParameter("userId", userId).getResultList();
    }

    /** Ends every open session of a user except {@code keep} (the caller's own, or null for all). */
    public int endAllOf(UUID userId, UUID keep, AuthSession.EndReason reason, OffsetDateTime now) {
        return em.createNamedQuery(AuthSession.REVOKE_ALL_OF_USER)
                .setParameter("userId", userId).setParameter("keep", keep == null ? new UUID(0, 0) : keep)
                .setParameter("reason", reason.name()).setParameter("now", now)
                .executeUpdate();
    }
}
