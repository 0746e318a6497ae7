package org.projectspark.account.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.account.service.SessionGuard;
import org.projectspark.account.service.TokenService;
import org.projectspark.platform.error.AuthenticationFailedException;
import org.projectspark.platform.security.AccessTokens;

/** The account's access tokens for the API's bearer-token check: signed by us and not expired, of a session still open. */
@ApplicationScoped
public class SessionAccessTokens implements AccessTokens {

    @Inject
    TokenService tokens;

    @Inject
    SessionGuard sessions;

    @Override
    public Bearer verify(String token) {
        TokenService.AccessClaims claims = tokens.verify(token);
        if (!sessions.isActive(claims.sessionId())) {
            throw new AuthenticationFailedException("This session has ended (signed out, or the account was disabled); sign in again");
        }
        return new Bearer(claims.sessionId(), claims.userId(), claims.roles(), claims.expiresAt());
    }
}
