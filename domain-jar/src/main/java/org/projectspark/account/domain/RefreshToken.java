package org.projectspark.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A single-use credential that buys a new access token. Only its SHA-256 digest is stored, so a
 * database leak gives no usable tokens. Presenting one twice means it was stolen: see {@link #redeem}.
 */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    /** What happened when a client presented a refresh token. */
    public enum Redemption { ACCEPTED, EXPIRED, ALREADY_USED, SESSION_ENDED }

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @ManyToOne(optional = false)
    @JoinColumn(name = "session_id", nullable = false, updatable = false)
    private AuthSession session;

    @Column(name = "issued_at", nullable = false)
    private OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    protected RefreshToken() {
    }

    public RefreshToken(AuthSession session, String tokenHash, OffsetDateTime issuedAt, OffsetDateTime expiresAt) {
        this.session = session;
        this.tokenHash = tokenHash;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    /** Marks the token used if it may be; otherwise says why not. A reused token ends its session. */
    public Redemption redeem(OffsetDateTime now) {
        if (usedAt != null) {
            session.end(AuthSession.EndReason.TOKEN_REUSE, now);
            return Redemption.ALREADY_USED;
        }
        if (!session.isActiveAt(now)) {
            return Redemption.SESSION_ENDED;
        }
        if (!now.isBefore(expiresAt)) {
            return Redemption.EXPIRED;
        }
        usedAt = now;
        return Redemption.ACCEPTED;
    }

    public AuthSession session() { return session; }
}
