package org.projectspark.account.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.projectspark.account.domain.AuthSession;
import org.projectspark.account.domain.User;
import org.projectspark.account.persistence.UserRepository;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.AuthenticationFailedException;
import org.projectspark.platform.error.TooManyRequestsException;
import org.projectspark.platform.ratelimit.RateLimitDecision;
import org.projectspark.platform.ratelimit.RateLimiter;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in, refresh and sign-out. Password checks run outside any transaction so that a slow Argon2
 * hash never holds a database connection; the session is then opened in a short transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuthService {

    private static final String WRONG_CREDENTIALS = "The username or password is incorrect";

    @Inject
    UserRepository users;

    @Inject
    PasswordHasher hasher;

    @EJB
    SessionService sessions;

    @Inject
    TokenService tokens;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    SparkSettings settings;

    /**
     * Every attempt counts against the account (AUTH_RATE_LIMIT_MAX per RATE_LIMIT_WINDOW); failed
     * attempts also count against the client address, so a school behind one address can all sign in
     * while one guessing machine is stopped.
     */
    public SignedIn login(String signInName, char[] password, ClientInfo client) {
        try {
            String account = signInName.trim().toLowerCase(Locale.ROOT);
            refuseIfLimited(rateLimiter.peek("login-addr", client.address(), settings.authRateLimitMax(), settings.rateLimitWindow()));
            refuseIfLimited(rateLimiter.consume("login-acct", account, settings.authRateLimitMax(), settings.rateLimitWindow()));

            Optional<User> found = users.findBySignInName(account);
            boolean valid = found.isPresent()
                    ? hasher.verify(found.get().passwordHash(), password)
                    : hasher.verifyDecoy(password);
            if (!valid) {
                rateLimiter.consume("login-addr", client.address(), settings.authRateLimitMax(), settings.rateLimitWindow());
                throw new AuthenticationFailedException(WRONG_CREDENTIALS);
            }
            User user = found.get();
            if (!user.isActive()) {
                throw new AccessDeniedException("This account is disabled; ask your teacher or school admin");
            }
            String rehash = hasher.needsRehash(user.passwordHash()) ? hasher.hash(password) : null;
            SessionService.Opened opened = sessions.open(user.id(), rehash, client);
            return signedIn(opened);
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    public SignedIn refresh(String refreshToken) {
        return signedIn(sessions.rotate(refreshToken).orThrow());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void logout(UUID sessionId) {
        sessions.end(sessionId, AuthSession.EndReason.LOGOUT);
    }

    private SignedIn signedIn(SessionService.Opened opened) {
        TokenService.AccessToken access = tokens.issue(opened.user(), opened.sessionId(), Instant.now());
        return new SignedIn(access.token(), access.expiresInSeconds(), opened.refreshToken(), opened.user());
    }

    private static void refuseIfLimited(RateLimitDecision decision) {
        if (!decision.allowed()) {
            throw new TooManyRequestsException("Too many sign-in attempts; wait " + decision.retryAfterSeconds()
                    + " seconds before trying again", decision.retryAfterSeconds());
        }
    }
}
