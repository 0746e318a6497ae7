package org.projectspark.notification.api;

import org.projectspark.notification.domain.Notification;
import org.projectspark.notification.service.NotificationRaised;

import java.util.Map;

/** A notification as apps see it: REST, the WebSocket and the sync download say the same. */
public record NotificationView(String id, long seq, String kind, String title, String body, Map<String, String> data, boolean read,
                               String createdAt, String readAt) {

    public static NotificationView of(Notification n) {
        return new NotificationView(n.id().toString(), n.seq(), n.kind().name(), n.title(), n.body(), n.data().values(), n.read(),
                n.createdAt().toInstant().toString(), n.readAt().map(t -> t.toInstant().toString()).orElse(null));
    }

    public static NotificationView of(NotificationRaised n) {
        return new NotificationView(n.id().toString(), n.seq(), n.kind().name(), n.title(), n.body(), n.data().values(), false,
                n.createdAt().toInstant().toString(), null);
    }
}
