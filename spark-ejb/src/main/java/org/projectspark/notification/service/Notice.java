package org.projectspark.notification.service;

import org.projectspark.notification.domain.NotificationData;
import org.projectspark.notification.domain.NotificationKind;

import java.util.List;
import java.util.UUID;

/**
 * A notification to raise for one recipient. {@code naturalKey} names the trigger (the badge, the assignment and its
 * due day, the message): raising the same key for the same recipient again does nothing. {@code args} fill the kind's
 * texts; an argument that is a {@link org.projectspark.curriculum.domain.LocalizedText} is read in the recipient's
 * language. {@code texts} names the texts in the bundles (the kind's own, or a variant: teachers are told of a
 * student's upload in other words than the student).
 */
public record Notice(UUID recipient, NotificationKind kind, String texts, String naturalKey, List<Object> args, NotificationData data) {

    public Notice {
        args = List.copyOf(args);
        if (naturalKey.length() > 200) {
            throw new IllegalArgumentException("natural key longer than 200 characters: " + naturalKey);
        }
    }

    public static Notice of(UUID recipient, NotificationKind kind, String naturalKey, NotificationData data, Object... args) {
        return new Notice(recipient, kind, kind.key(), naturalKey, List.of(args), data);
    }

    /** The same notice with a variant of the kind's texts ({@code sync-review-teacher}). */
    public Notice worded(String variant) {
        return new Notice(recipient, kind, variant, naturalKey, args, data);
    }
}
