package org.projectspark.notification.service;

import org.projectspark.notification.domain.NotificationData;
import org.projectspark.notification.domain.NotificationKind;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A notification was written, in the transaction that raised it; announced in a {@link NotificationsRaised}. */
public record NotificationRaised(UUID id, long seq, UUID userId, NotificationKind kind, String locale, String title, String body,
                                 NotificationData data, OffsetDateTime createdAt) {
}
