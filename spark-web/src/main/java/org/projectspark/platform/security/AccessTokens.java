package org.projectspark.platform.security;

import org.projectspark.platform.error.AuthenticationFailedException;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link BearerTokenMechanism} asks of the feature that issues access tokens: who a token's bearer is, while the
 * token is valid and its session open. Declared here and implemented by that feature (account), so platform needs none
 * of the feature's classes.
 */
public interface AccessTokens {

    /**
     * The bearer of a valid access token whose session is still open.
     *
     * @throws AuthenticationFailedException for a bad or expired token, or one whose session has ended
     */
    Bearer verify(String token);

    /**
     * Who a valid token says its bearer is: the session it belongs to, the user and their roles, and when the token
     * expires (a long-lived connection such as the notification socket ends then unless the token is renewed).
     */
    record Bearer(UUID sessionId, UUID userId, Set<String> roles, Instant expiresAt) {
    }
}
