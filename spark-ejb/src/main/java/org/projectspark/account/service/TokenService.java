package org.projectspark.account.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.platform.config.SigningKey;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.error.AuthenticationFailedException;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs and verifies access tokens (HS256 JWTs, Nimbus JOSE+JWT) and makes refresh tokens.
 * Only HS256 is accepted: {@code alg: none}, other algorithms, bad signatures, wrong issuers and
 * expired tokens are all refused. New tokens are signed with JWT_SECRET and name it in {@code kid}; a token
 * signed with JWT_PREVIOUS_SECRET still verifies until it expires, so rotating the secret signs nobody out.
 */
@ApplicationScoped
public class TokenService {

    public static final String ISSUER = "project-spark";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SparkSettings settings;

    /** Tokens already verified, until they expire: a device sends the same token with every request. */
    private static final int MAX_VERIFIED = 50_000;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(AccessClaims claims, long expiresAtMillis) {
    }

    private MACSigner signer;
    private String signerId;
    /** By key id, the signing key first (a token without kid, issued before key ids, is tried against each). */
    private final Map<String, MACVerifier> verifiers = new java.util.LinkedHashMap<>();
    private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;

    @PostConstruct
    void init() {
        List<SigningKey> keys = settings.verificationKeys();
        try {
            signer = new MACSigner(keys.get(0).secret());
            signerId = keys.get(0).id();
            for (SigningKey key : keys) {
                verifiers.put(key.id(), new MACVerifier(key.secret()));
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("JWT_SECRET or JWT_PREVIOUS_SECRET is not usable as an HS256 key: " + e.getMessage());
        }
        claimsVerifier = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                Set.of("sub", "exp", "iat", "sid", "jti", "upn", "groups"));
    }

    /** A signed access token for a user in a session, valid for JWT_EXPIRES_IN. */
    public AccessToken issue(User user, UUID sessionId, Instant now) {
        Instant expiry = now.plus(settings.accessTokenLifetime());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.id().toString())
                .claim("upn", user.username())
                .claim("groups", user.roles().stream().map(Role::name).sorted().toList())
                .claim("sid", sessionId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(signerId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), settings.accessTokenLifetime().toSeconds());
    }

    /**
     * Checks algorithm (HS256 only: {@code none} and every other algorithm are refused before any key is
     * used), signature, issuer and expiry; says in the exception what was wrong.
     */
    public AccessClaims verify(String token) {
        Verified known = verified.get(token);
        if (known != null && known.expiresAtMillis() > System.currentTimeMillis()) {
            return known.claims();
        }
        AccessClaims claims = verifyUncached(token);
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear(); // crude bound; it refills with the tokens in use
        }
        return claims;
    }

    private AccessClaims verifyUncached(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !signatureHolds(jwt)) {
                throw new AuthenticationFailedException("The access token is not valid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            claimsVerifier.verify(claims, null);
            List<String> groups = claims.getStringListClaim("groups");
            AccessClaims result = new AccessClaims(UUID.fromString(claims.getSubject()), claims.getStringClaim("upn"),
                    Set.copyOf(groups), UUID.fromString(claims.getStringClaim("sid")), claims.getExpirationTime().toInstant());
            verified.put(token, new Verified(result, claims.getExpirationTime().getTime()));
            return result;
        } catch (BadJWTException e) {
            if (e.getMessage() != null && e.getMessage().contains("Expired")) {
                throw new AuthenticationFailedException("The access token has expired; get a new one with POST /api/v1/auth/refresh");
            }
            throw new AuthenticationFailedException("The access token is not valid");
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            throw new AuthenticationFailedException("The access token is not valid");
        }
    }

    private boolean signatureHolds(SignedJWT jwt) throws JOSEException {
        String kid = jwt.getHeader().getKeyID();
        if (kid != null) {
            MACVerifier verifier = verifiers.get(kid);
            return verifier != null && jwt.verify(verifier);
        }
        for (MACVerifier verifier : verifiers.values()) {
            if (jwt.verify(verifier)) {
                return true;
            }
        }
        return false;
    }

    /** A new refresh token: 256 random bits, URL-safe. Only its digest is stored. */
    public String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String digest(String refreshToken) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed access token and its lifetime in seconds. */
    public record AccessToken(String token, long expiresInSeconds) {
    }

    /** What a verified access token says about its bearer, and until when it says so. */
    public record AccessClaims(UUID userId, String username, Set<String> roles, UUID sessionId, Instant expiresAt) {
    }
}
