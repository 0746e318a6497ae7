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
    SignInLimits limits;

    @Inject
    SparkSettings settings;

    /**
     * Wrong passwords are counted per account and address, per account and per address ({@link SignInLimits});
     * a right one counts nowhere, so a school behind one address can all sign in while one guessing machine is stopped.
     */
    public SignedIn login(String signInName, char[] password, ClientInfo client) {
        boolean wrongPassword = false;
        String account = signInName.trim().toLowerCase(Locale.ROOT);
        SignInLimits.Attempt attempt = limits.begin(account, client.address());
        try {
            Optional<User> found = users.findBySignInName(account);
            boolean valid = found.isPresent()
                    ? hasher.verify(found.get().passwordHash(), password)
                    : hasher.verifyDecoy(password);
            if (!valid) {
                wrongPassword = true;
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
            if (!wrongPassword) {
                attempt.succeeded();
            }
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
}
