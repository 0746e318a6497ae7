package org.projectspark.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One signed-in device: opened by a login, kept alive by refresh-token rotation, ended by logout.
 * Access tokens name their session, so revoking it ends them at once (before they expire).
 */
@Entity
@Table(name = "auth_sessions")
@NamedQuery(name = AuthSession.REVOKE_ALL_OF_USER,
        query = "UPDATE AuthSession s SET s.revokedAt = :now, s.revokedReason = :reason WHERE s.user.id = :userId AND s.id <> :keep AND s.revokedAt IS NULL")
public class AuthSession {

    public static final String REVOKE_ALL_OF_USER = "AuthSession.revokeAllOfUser";

    /** Why a session ended; stored for the audit trail. */
    public enum EndReason { LOGOUT, TOKEN_REUSE, PASSWORD_CHANGED, ACCOUNT_DISABLED, ROLE_REVOKED }

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "revoked_reason", length = 32)
    private String revokedReason;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(name = "user_agent", length = 256)
    private String userAgent;

    protected AuthSession() {
    }

    public static AuthSession open(User user, OffsetDateTime now, Duration lifetime, String clientAddress, String userAgent) {
        AuthSession s = new AuthSession();
        s.id = UUID.randomUUID();
        s.user = user;
        s.createdAt = now;
        s.expiresAt = now.plus(lifetime);
        s.clientAddress = truncate(clientAddress, 64);
        s.userAgent = truncate(userAgent, 256);
        return s;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public boolean isActiveAt(OffsetDateTime now) {
        return revokedAt == null && now.isBefore(expiresAt) && user.isActive();
    }

    public void end(EndReason reason, OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
            revokedReason = reason.name();
        }
    }

    /** A refresh moves the session's end forward (sliding expiry), up to the caller's lifetime. */
    public void extendTo(OffsetDateTime newExpiry) {
        if (newExpiry.isAfter(expiresAt)) {
            expiresAt = newExpiry;
        }
    }

    public UUID id() { return id; }
    public User user() { return user; }
    public OffsetDateTime expiresAt() { return expiresAt; }
    public Optional<OffsetDateTime> revokedAt() { return Optional.ofNullable(revokedAt); }
}
