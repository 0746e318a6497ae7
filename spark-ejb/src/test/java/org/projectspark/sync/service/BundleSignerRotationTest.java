package org.projectspark.sync.service;

import org.junit.jupiter.api.Test;
import org.projectspark.platform.config.RotationSettings;
import org.projectspark.platform.error.InvalidRequestException;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An offline school's events bundle, signed with the import key handed out before a rotation, is still accepted. */
class BundleSignerRotationTest {

    static final String OLD = "old-secret-0123456789abcdef0123456789abcdef";
    static final String NEW = "new-secret-fedcba9876543210fedcba9876543210";
    static final String PAYLOAD = "{\"events\":[]}";

    static BundleSigner signer(String current, String previous) {
        BundleSigner s = new BundleSigner();
        s.settings = RotationSettings.of(current, previous);
        return s;
    }

    @Test
    void anImportSignedWithTheKeyOfThePreviousSecretVerifiesDuringTheRotation() {
        UUID bundle = UUID.randomUUID();
        String signedBefore = signer(OLD, null).signImport(bundle, PAYLOAD);
        BundleSigner rotated = signer(NEW, OLD);
        assertThat(rotated.bundleIdOf(signedBefore)).isEqualTo(bundle);
        assertThat(rotated.verifiedImport(signedBefore, bundle)).isEqualTo(PAYLOAD);
        assertThat(rotated.verifiedImport(rotated.signImport(bundle, PAYLOAD), bundle)).isEqualTo(PAYLOAD);
    }

    @Test
    void newExportsHandOutTheNewSecretsImportKey() {
        UUID bundle = UUID.randomUUID();
        assertThat(signer(NEW, OLD).importKeyText(bundle)).isEqualTo(signer(NEW, null).importKeyText(bundle))
                .isNotEqualTo(signer(OLD, null).importKeyText(bundle));
    }

    @Test
    void withoutThePreviousSecretAnOldImportIsRefused() {
        UUID bundle = UUID.randomUUID();
        String signedBefore = signer(OLD, null).signImport(bundle, PAYLOAD);
        assertThatThrownBy(() -> signer(NEW, null).verifiedImport(signedBefore, bundle))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not verify");
    }

    @Test
    void anImportKeyOfAnotherExportIsRefusedEvenDuringTheRotation() {
        String signedForOther = signer(OLD, null).signImport(UUID.randomUUID(), PAYLOAD);
        assertThatThrownBy(() -> signer(NEW, OLD).verifiedImport(signedForOther, UUID.randomUUID()))
                .isInstanceOf(InvalidRequestException.class);
    }
}
