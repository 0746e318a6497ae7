package org.projectspark.account.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.account.domain.AuthSession;
import org.projectspark.account.domain.RefreshToken;
import org.projectspark.account.domain.User;
import org.projectspark.account.persistence.SessionRepository;
import org.projectspark.account.persistence.UserRepository;
import org.projectspark.platform.error.AuthenticationFailedException;
import org.projectspark.platform.error.NotFoundException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Opens, rotates and ends sign-in sessions; each method is one short transaction. */
@Stateless
public class SessionService {

    @Inject
    UserRepository users;

    @Inject
    SessionRepository sessions;

    @Inject
    TokenService tokens;

    @Inject
    org.projectspark.platform.config.SparkSettings settings;

    @Inject
    Event<SessionsEnded> sessionsEnded;

    /** A refresh token handed out, and the session and user it belongs to. */
    public record Opened(User user, UUID sessionId, String refreshToken) {
    }

    /** Opens a session for a user whose password was just verified; stores a rehash if one was made. */
    public Opened open(UUID userId, String newPasswordHash, ClientInfo client) {
        User user = users.find(userId).orElseThrow(() -> new NotFoundException("user " + userId + " no longer exists"));
        if (newPasswordHash != null) {
            user.changePasswordHash(newPasswordHash);
        }
        user.recordLogin();
        OffsetDateTime now = now();
        AuthSession session = AuthSession.open(user, now, settings.refreshTokenLifetime(), client.address(), client.userAgent());
        sessions.add(session);
        String refresh = tokens.newRefreshToken();
        sessions.add(new RefreshToken(session, TokenService.digest(refresh), now, now.plus(settings.refreshTokenLifetime())));
        return new Opened(user, session.id(), refresh);
    }

    /**
     * Trades a refresh token for a new one. Runs in its own transaction so that the end of a session
     * whose token was reused is stored even though the caller is refused.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Rotation rotate(String refreshToken) {
        OffsetDateTime now = now();
        return sessions.findTokenForUpdate(TokenService.digest(refreshToken))
                .map(token -> {
                    RefreshToken.Redemption result = token.redeem(now);
                    if (result == RefreshToken.Redemption.ALREADY_USED) {
                        sessionsEnded.fire(new SessionsEnded(List.of(token.session().id())));
                    }
                    if (result != RefreshToken.Redemption.ACCEPTED) {
                        return Rotation.refused(result);
                    }
                    AuthSession session = token.session();
                    String next = tokens.newRefreshToken();
                    session.extendTo(now.plus(settings.refreshTokenLifetime()));
                    sessions.add(new RefreshToken(session, TokenService.digest(next), now, now.plus(settings.refreshTokenLifetime())));
                    return new Rotation(null, new Opened(session.user(), session.id(), next));
                })
                .orElse(Rotation.refused(null));
    }

    /** The outcome of a rotation: either a new token, or why not. */
    public record Rotation(RefreshToken.Redemption refusal, Opened opened) {
        static Rotation refused(RefreshToken.Redemption why) {
            return new Rotation(why, null);
        }

        public Opened orThrow() {
            if (opened != null) {
                return opened;
            }
            throw new AuthenticationFailedException(refusal == null
                    ? "The refresh token is not known; sign in again"
                    : switch (refusal) {
                        case ALREADY_USED -> "The refresh token was already used; for safety this session has ended, sign in again";
                        case EXPIRED -> "The refresh token has expired; sign in again";
                        default -> "This session has ended; sign in again";
                    });
        }
    }

    public void end(UUID sessionId, AuthSession.EndReason reason) {
        sessions.find(sessionId).ifPresent(s -> s.end(reason, now()));
        sessionsEnded.fire(new SessionsEnded(List.of(sessionId)));
    }

    /** Ends every open session of a user but {@code keep} (the caller's own; null for all). */
    public void endAllOf(UUID userId, UUID keep, AuthSession.EndReason reason) {
        List<UUID> open = sessions.openSessionIdsOf(userId);
        sessions.endAllOf(userId, keep, reason, now());
        sessionsEnded.fire(new SessionsEnded(open.stream().filter(id -> !id.equals(keep)).toList()));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
