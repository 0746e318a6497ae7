package org.projectspark.notification.service;

import java.util.List;

/**
 * Notifications written together, in the transaction that raised them, in the order they were raised: observers
 * that must commit with them (the email and SMS outbox) observe it in progress; live delivery observes it after
 * success. Fired once per raise, so an observer does its work per batch rather than per recipient.
 */
public record NotificationsRaised(List<NotificationRaised> notifications) {

    public NotificationsRaised {
        notifications = List.copyOf(notifications);
    }
}
