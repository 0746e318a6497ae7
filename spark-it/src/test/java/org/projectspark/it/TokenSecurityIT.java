package org.projectspark.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad access token is answered 401 with a problem document. */
@ExtendWith(ArquillianExtension.class)
class TokenSecurityIT extends DeployedEar {

    private static final String SECRET = System.getProperty("spark.jwtSecret");
    /** The server runs mid-rotation: JWT_PREVIOUS_SECRET is set. */
    private static final String PREVIOUS_SECRET = System.getProperty("spark.jwtPreviousSecret");

    private static JWTClaimsSet.Builder claimsOf(JsonObject login, Instant exp) {
        JsonObject user = login.getJsonObject("user");
        String[] parts = login.getString("accessToken").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String sid = payload.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        return new JWTClaimsSet.Builder().issuer("project-spark").subject(user.getString("id"))
                .claim("upn", user.getString("username")).claim("groups", List.of("STUDENT", "ADMIN"))
                .claim("sid", sid).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(exp.minusSeconds(3600))).expirationTime(Date.from(exp));
    }

    private static String sign(JWTClaimsSet claims, String secret) throws Exception {
        return sign(claims, secret, null);
    }

    private static String sign(JWTClaimsSet claims, String secret, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static void assertRefused(String token) {
        Api.Reply r = Api.get("/api/v1/users/me", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aTokenSignedWithTheRightSecretIsAcceptedSoTheRefusalsBelowMeanSomething() throws Exception {
        JsonObject login = Api.newStudent();
        String forged = sign(claimsOf(login, Instant.now().plusSeconds(600)).claim("groups", List.of("STUDENT")).build(), SECRET);
        assertThat(Api.get("/api/v1/users/me", forged).status()).isEqualTo(200);
    }

    /** A secret's key id as the server derives it: HMAC-SHA256 of a fixed label, 9 bytes, base64url. */
    private static String kid(String secret) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] id = java.util.Arrays.copyOf(mac.doFinal("project-spark/key-id/v1".getBytes(StandardCharsets.UTF_8)), 9);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    @Test
    void duringARotationNewTokensNameTheCurrentKeyAndThePreviousKeysTokensStillWork() throws Exception {
        JsonObject login = Api.newStudent();
        String header = new String(Base64.getUrlDecoder().decode(login.getString("accessToken").split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"kid\":\"" + kid(SECRET) + "\"");

        JWTClaimsSet claims = claimsOf(login, Instant.now().plusSeconds(600)).claim("groups", List.of("STUDENT")).build();
        assertThat(Api.get("/api/v1/users/me", sign(claims, PREVIOUS_SECRET, kid(PREVIOUS_SECRET))).status()).isEqualTo(200);
        assertThat(Api.get("/api/v1/users/me", sign(claims, PREVIOUS_SECRET)).status()).as("issued before key ids").isEqualTo(200);
        // the kid chooses the key: the previous secret's signature under the current key's id does not verify
        assertRefused(sign(claims, PREVIOUS_SECRET, kid(SECRET)));
        assertRefused(sign(claims, "an-attacker-secret-that-is-long-enough-0123456789", kid(PREVIOUS_SECRET)));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        JsonObject login = Api.newStudent();
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claimsOf(login, Instant.now().plusSeconds(600)).build().toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + payload + ".");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        JsonObject login = Api.newStudent();
        assertRefused(sign(claimsOf(login, Instant.now().plusSeconds(600)).build(), "an-attacker-secret-that-is-long-enough-0123456789"));
    }

    @Test
    void anExpiredTokenIsRefusedAndTheClientIsToldToRefresh() throws Exception {
        JsonObject login = Api.newStudent();
        String expired = sign(claimsOf(login, Instant.now().minusSeconds(300)).build(), SECRET);
        assertRefused(expired);
        assertThat(Api.get("/api/v1/users/me", expired).json().getString("detail")).contains("expired");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = Api.newStudent().getString("accessToken");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"STUDENT\"", "\"ADMIN\"");
        assertRefused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not-a-token");
        assertRefused("a.b.c");
    }

    @Test
    void aRevokedSessionsTokenIsRefusedEvenIfWellSigned() throws Exception {
        JsonObject login = Api.newStudent();
        JWTClaimsSet claims = claimsOf(login, Instant.now().plusSeconds(600)).claim("groups", List.of("STUDENT")).build();
        assertThat(Api.post("/api/v1/auth/logout", "", login.getString("accessToken")).status()).isEqualTo(204);
        assertRefused(sign(claims, SECRET));
    }
}
