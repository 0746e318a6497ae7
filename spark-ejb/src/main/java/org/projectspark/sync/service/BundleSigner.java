package org.projectspark.sync.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.platform.config.SigningKey;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.error.InvalidRequestException;

import java.text.ParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs the bundle files carried between the server and a school with no connection (JWS compact, HS256, Nimbus).
 * The server's export is signed with a key derived from JWT_SECRET (so it needs no secret of its own, and the
 * example secret is refused in production with it). Each export carries an import key derived from the same secret
 * and the export's id: the teacher's offline app signs the devices' events with it, and the server recomputes it
 * from the {@code kid} to verify. A changed byte anywhere fails verification. After JWT_SECRET is rotated, an import
 * signed with a key handed out before (derived from JWT_PREVIOUS_SECRET) still verifies, so a school that is offline
 * during the rotation loses nothing.
 */
@ApplicationScoped
public class BundleSigner {

    static final JOSEObjectType EXPORT_TYPE = new JOSEObjectType("spark-class-bundle");
    static final JOSEObjectType IMPORT_TYPE = new JOSEObjectType("spark-events-bundle");

    @Inject
    SparkSettings settings;

    /** The export's signature key. */
    private byte[] exportKey() {
        return signingKey().derive("spark-sync-bundle-export");
    }

    /** The key a school signs the events it sends back with, one per export. */
    public byte[] importKey(UUID bundleId) {
        return importKey(signingKey(), bundleId);
    }

    private static byte[] importKey(SigningKey key, UUID bundleId) {
        return key.derive("spark-sync-bundle-import:" + bundleId);
    }

    private SigningKey signingKey() {
        return settings.verificationKeys().get(0);
    }

    public String importKeyText(UUID bundleId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(importKey(bundleId));
    }

    public String signExport(UUID bundleId, String payloadJson) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(EXPORT_TYPE).keyID(bundleId.toString()).build(), payloadJson, exportKey());
    }

    /** Signs like a school's app does (used by tests and by tools that build import bundles). */
    public String signImport(UUID bundleId, String payloadJson) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(IMPORT_TYPE).keyID(bundleId.toString()).build(), payloadJson, importKey(bundleId));
    }

    /** The export a bundle answers, read from its header before anything is trusted. */
    public UUID bundleIdOf(String compact) {
        try {
            JWSObject jws = JWSObject.parse(compact.strip());
            if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm()) || !IMPORT_TYPE.equals(jws.getHeader().getType())
                    || jws.getHeader().getKeyID() == null) {
                throw new InvalidRequestException("this is not an events bundle (an HS256 JWS of type " + IMPORT_TYPE + " with the export's id as kid)");
            }
            return UUID.fromString(jws.getHeader().getKeyID());
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidRequestException("this is not an events bundle: " + e.getMessage());
        }
    }

    /** The payload of an import bundle whose signature holds; a tampered one is refused. */
    public String verifiedImport(String compact, UUID bundleId) {
        try {
            JWSObject jws = JWSObject.parse(compact.strip());
            if (!signedWithAnImportKey(jws, bundleId)) {
                throw new InvalidRequestException("the bundle's signature does not verify: it was changed after it was signed,"
                        + " or it was not signed with the key of export " + bundleId + "; it was not applied");
            }
            return jws.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new InvalidRequestException("this is not an events bundle: " + e.getMessage());
        }
    }

    /** The import key of each secret that verifies: the current one, and the previous one during a rotation. */
    private boolean signedWithAnImportKey(JWSObject jws, UUID bundleId) throws JOSEException {
        for (SigningKey key : settings.verificationKeys()) {
            if (jws.verify(new MACVerifier(importKey(key, bundleId)))) {
                return true;
            }
        }
        return false;
    }

    private static String sign(JWSHeader header, String payload, byte[] key) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(new MACSigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("bundle signing failed", e);
        }
    }
}
