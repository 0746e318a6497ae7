package org.projectspark.account.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.projectspark.account.service.SignedIn;

/** Answer of login and refresh. {@code expiresIn} is the access token's lifetime in seconds. */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "refreshToken", "user"})
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, UserView user) {

    static TokenResponse of(SignedIn s) {
        return new TokenResponse(s.accessToken(), "Bearer", s.expiresInSeconds(), s.refreshToken(), UserView.of(s.user()));
    }
}
