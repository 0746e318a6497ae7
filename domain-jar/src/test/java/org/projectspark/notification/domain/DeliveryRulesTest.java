package org.projectspark.notification.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.projectspark.notification.domain.DeliveryChannel.EMAIL;
import static org.projectspark.notification.domain.DeliveryChannel.SMS;
import static org.projectspark.notification.domain.NotificationKind.BADGE_EARNED;
import static org.projectspark.notification.domain.NotificationKind.CHILD_INACTIVE;
import static org.projectspark.notification.domain.NotificationKind.TEACHER_MESSAGE;

class DeliveryRulesTest {

    private static final Map<DeliveryRules.Choice, Boolean> NONE = Map.of();

    @Test
    void guardiansAndTeachersGetEmailStudentsDoNot() {
        assertThat(DeliveryRules.wants(EMAIL, BADGE_EARNED, Set.of("GUARDIAN"), NONE)).isTrue();
        assertThat(DeliveryRules.wants(EMAIL, BADGE_EARNED, Set.of("TEACHER"), NONE)).isTrue();
        assertThat(DeliveryRules.wants(EMAIL, BADGE_EARNED, Set.of("STUDENT"), NONE)).isFalse();
    }

    @Test
    void smsOnlyForItsKindsOnByDefaultForGuardiansOptInForTeachers() {
        assertThat(DeliveryRules.wants(SMS, CHILD_INACTIVE, Set.of("GUARDIAN"), NONE)).isTrue();
        assertThat(DeliveryRules.wants(SMS, BADGE_EARNED, Set.of("GUARDIAN"), NONE)).isFalse();
        assertThat(DeliveryRules.wants(SMS, TEACHER_MESSAGE, Set.of("TEACHER"), NONE)).isFalse();
        assertThat(DeliveryRules.wants(SMS, TEACHER_MESSAGE, Set.of("TEACHER"), Map.of(new DeliveryRules.Choice(TEACHER_MESSAGE, SMS), true))).isTrue();
        assertThat(DeliveryRules.offered(SMS, TEACHER_MESSAGE, Set.of("STUDENT"))).isFalse();
    }

    @Test
    void aChoiceOverridesTheDefaultButNeverOffersWhatIsNot() {
        assertThat(DeliveryRules.wants(EMAIL, BADGE_EARNED, Set.of("GUARDIAN"), Map.of(new DeliveryRules.Choice(BADGE_EARNED, EMAIL), false))).isFalse();
        assertThat(DeliveryRules.wants(EMAIL, BADGE_EARNED, Set.of("STUDENT"), Map.of(new DeliveryRules.Choice(BADGE_EARNED, EMAIL), true))).isTrue();
        assertThat(DeliveryRules.wants(SMS, BADGE_EARNED, Set.of("GUARDIAN"), Map.of(new DeliveryRules.Choice(BADGE_EARNED, SMS), true))).isFalse();
    }
}
