package org.projectspark.notification.service;

import org.projectspark.notification.domain.DeliveryChannel;
import org.projectspark.notification.domain.DeliveryRules;
import org.projectspark.notification.domain.NotificationKind;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What deciding and addressing a delivery needs to know of a user: roles, email, a phone usable for SMS (verified and
 * not stopped), their stored choices, and their language.
 */
public record Recipient(UUID id, boolean active, String displayName, String locale, String schoolLocale, Set<String> roles,
                        Optional<String> email, Optional<String> phone, Map<DeliveryRules.Choice, Boolean> choices) {

    public boolean wants(DeliveryChannel channel, NotificationKind kind) {
        return active && DeliveryRules.wants(channel, kind, roles, choices);
    }

    /** Where a message on this channel goes now, if anywhere. */
    public Optional<String> address(DeliveryChannel channel) {
        return channel == DeliveryChannel.EMAIL ? email : phone;
    }
}
