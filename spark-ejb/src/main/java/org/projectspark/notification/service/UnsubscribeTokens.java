package org.projectspark.notification.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.platform.config.SparkSettings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The token of an email's unsubscribe link: it names one user and one kind, and is signed, so it turns off exactly
 * that preference (emails of that kind for that user) without signing in, and nothing else. It does not expire: an
 * old email's link must still work. The key is derived from JWT_SECRET for this one use, so a token of one kind can
 * never pass as the other (a leaked unsubscribe link is no access token, and the reverse). After JWT_SECRET is rotated,
 * links signed with JWT_PREVIOUS_SECRET still work while it is set; links older than the secret before that do not.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int SIGNATURE_BYTES = 16;

    @Inject
    SparkSettings settings;

    /** One per verifying secret, the signing one first. */
    private List<byte[]> keys;

    /** What a valid token allows. */
    public record Scope(UUID userId, NotificationKind kind) {
    }

    @PostConstruct
    void derive() {
        keys = settings.verificationKeys().stream().map(k -> k.derive("project-spark/email-unsubscribe/v1")).toList();
    }

    public String issue(UUID userId, NotificationKind kind) {
        return userId + "." + kind.name() + "." + B64.encodeToString(signature(keys.get(0), userId, kind));
    }

    /** The scope of a token this server signed; empty for anything else (malformed, altered, another server's). */
    public Optional<Scope> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            UUID user = UUID.fromString(parts[0]);
            NotificationKind kind = NotificationKind.valueOf(parts[1]);
            byte[] given = Base64.getUrlDecoder().decode(parts[2]);
            return keys.stream().anyMatch(key -> MessageDigest.isEqual(given, signature(key, user, kind)))
                    ? Optional.of(new Scope(user, kind)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] signature(byte[] key, UUID user, NotificationKind kind) {
        return Arrays.copyOf(hmac(key, user + "|" + kind.name() + "|EMAIL"), SIGNATURE_BYTES);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The same derivation for other one-purpose keys of this feature (phone verification codes). */
    byte[] derivedKey(String purpose) {
        return hmac(settings.jwtSecretBytes(), "project-spark/" + purpose + "/v1");
    }

    static byte[] mac(byte[] key, String data) {
        return hmac(key, data);
    }
}
