package org.projectspark.notification.service;

import org.junit.jupiter.api.Test;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.platform.config.RotationSettings;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An unsubscribe link from an email sent before a rotation still works while the previous secret is set. */
class UnsubscribeRotationTest {

    static final String OLD = "old-secret-0123456789abcdef0123456789abcdef";
    static final String NEW = "new-secret-fedcba9876543210fedcba9876543210";

    static UnsubscribeTokens tokens(String current, String previous) {
        UnsubscribeTokens t = new UnsubscribeTokens();
        t.settings = RotationSettings.of(current, previous);
        t.derive();
        return t;
    }

    @Test
    void aLinkOfThePreviousSecretWorksDuringTheRotationOnly() {
        UUID user = UUID.randomUUID();
        NotificationKind kind = NotificationKind.values()[0];
        String old = tokens(OLD, null).issue(user, kind);
        assertThat(tokens(NEW, OLD).verify(old)).contains(new UnsubscribeTokens.Scope(user, kind));
        assertThat(tokens(NEW, null).verify(old)).isEmpty();
        assertThat(tokens(NEW, OLD).issue(user, kind)).isEqualTo(tokens(NEW, null).issue(user, kind));
    }
}
