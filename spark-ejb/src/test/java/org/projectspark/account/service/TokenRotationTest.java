package org.projectspark.account.service;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.platform.config.RotationSettings;
import org.projectspark.platform.config.SigningKey;
import org.projectspark.platform.error.AuthenticationFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rotating JWT_SECRET: tokens of the previous secret verify until they expire, new ones carry the new key's kid. */
class TokenRotationTest {

    static final String OLD = "old-secret-0123456789abcdef0123456789abcdef";
    static final String NEW = "new-secret-fedcba9876543210fedcba9876543210";
    static final String OTHER = "someone-elses-secret-000000000000000000000000";

    static TokenService tokens(String current, String previous) {
        TokenService t = new TokenService();
        t.settings = RotationSettings.of(current, previous);
        t.init();
        return t;
    }

    static String issue(TokenService t, Instant now) {
        User user = User.create("ada", "ada@example.org", "hash", "Ada", "en", Set.of(Role.STUDENT));
        return t.issue(user, UUID.randomUUID(), now).token();
    }

    static String kid(String secret) {
        return SigningKey.of(secret.getBytes(StandardCharsets.UTF_8)).id();
    }

    @Test
    void aTokenOfThePreviousSecretStillVerifiesAfterTheRotation() throws Exception {
        String before = issue(tokens(OLD, null), Instant.now());
        TokenService rotated = tokens(NEW, OLD);
        assertThat(rotated.verify(before).username()).isEqualTo("ada");

        String after = issue(rotated, Instant.now());
        assertThat(SignedJWT.parse(before).getHeader().getKeyID()).isEqualTo(kid(OLD));
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(kid(NEW)).isNotEqualTo(kid(OLD));
        assertThat(tokens(NEW, OLD).verify(after).username()).isEqualTo("ada");
        assertThat(tokens(NEW, null).verify(after).username()).isEqualTo("ada");
    }

    @Test
    void onceThePreviousSecretIsDroppedItsTokensAreRefused() {
        String before = issue(tokens(OLD, null), Instant.now());
        assertThatThrownBy(() -> tokens(NEW, null).verify(before)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("not valid");
    }

    @Test
    void aTokenOfThePreviousSecretStillExpires() {
        String old = issue(tokens(OLD, null), Instant.now().minusSeconds(7200));
        assertThatThrownBy(() -> tokens(NEW, OLD).verify(old)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenFromBeforeKeyIdsIsTriedAgainstEachSecret() throws Exception {
        String noKid = sign(OLD, null);
        assertThat(tokens(NEW, OLD).verify(noKid).username()).isEqualTo("ada");
        assertThat(tokens(OLD, null).verify(noKid).username()).isEqualTo("ada");
        assertThatThrownBy(() -> tokens(NEW, null).verify(noKid)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aForeignSecretIsRefusedWhateverKidItClaims() throws Exception {
        TokenService rotated = tokens(NEW, OLD);
        assertThatThrownBy(() -> rotated.verify(sign(OTHER, kid(OLD)))).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> rotated.verify(sign(OTHER, null))).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> rotated.verify(sign(OLD, "not-a-key-id"))).isInstanceOf(AuthenticationFailedException.class);
        // the kid picks the key: a token of the old secret that names the new key's id is refused
        assertThatThrownBy(() -> rotated.verify(sign(OLD, kid(NEW)))).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void aSingleSecretConfigurationWorksAsBefore() {
        TokenService single = tokens(NEW, null);
        assertThat(single.verify(issue(single, Instant.now())).roles()).containsExactly("STUDENT");
        TokenService sameTwice = tokens(NEW, NEW);
        assertThat(sameTwice.verify(issue(single, Instant.now())).username()).isEqualTo("ada");
    }

    private static String sign(String secret, String kid) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TokenService.ISSUER).subject(UUID.randomUUID().toString())
                .claim("upn", "ada").claim("groups", List.of("STUDENT")).claim("sid", UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
