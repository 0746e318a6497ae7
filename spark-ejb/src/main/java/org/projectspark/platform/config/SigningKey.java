package org.projectspark.platform.config;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * One HMAC secret (JWT_SECRET or JWT_PREVIOUS_SECRET) and its key id. The id goes into the {@code kid} header of
 * what the secret signs, so a verifier picks the right key at once during a rotation. It is derived from the secret
 * by HMAC with a fixed label: it names the secret without revealing anything that helps guess it.
 */
public final class SigningKey {

    private final byte[] secret;
    private final String id;

    private SigningKey(byte[] secret) {
        this.secret = secret.clone();
        this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hmac(this.secret, "project-spark/key-id/v1"), 9));
    }

    public static SigningKey of(byte[] secret) {
        return new SigningKey(secret);
    }

    /** The {@code kid}: 12 URL-safe characters. */
    public String id() {
        return id;
    }

    public byte[] secret() {
        return secret.clone();
    }

    /** A key for one purpose, derived from this secret, so that one kind of signature can never pass as another. */
    public byte[] derive(String purpose) {
        return hmac(secret, purpose);
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + "]";
    }
}
