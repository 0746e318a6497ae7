package org.projectspark.notification.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which kinds of notification a user gets by email or SMS: their own choice where they made one, else the default of
 * their roles. Email: on for guardians, teachers and school admins (adults with an address), off for students
 * (in-app only unless they ask). SMS costs per message, so it is offered only for the two kinds a guardian must not
 * miss (a child inactive for a week, a teacher's message) and only to guardians (on by default) and teachers (off
 * until they choose it).
 */
public final class DeliveryRules {

    public static final Set<NotificationKind> SMS_KINDS = EnumSet.of(NotificationKind.CHILD_INACTIVE, NotificationKind.TEACHER_MESSAGE);

    private DeliveryRules() {
    }

    /** Whether {@code channel} can be chosen at all for this kind by a user with these roles. */
    public static boolean offered(DeliveryChannel channel, NotificationKind kind, Set<String> roles) {
        return switch (channel) {
            case EMAIL -> true;
            case SMS -> SMS_KINDS.contains(kind) && (roles.contains("GUARDIAN") || roles.contains("TEACHER"));
        };
    }

    public static boolean byDefault(DeliveryChannel channel, NotificationKind kind, Set<String> roles) {
        return switch (channel) {
            case EMAIL -> roles.contains("GUARDIAN") || roles.contains("TEACHER") || roles.contains("SCHOOL_ADMIN");
            case SMS -> offered(channel, kind, roles) && roles.contains("GUARDIAN");
        };
    }

    /** The user's choice where there is one (and the channel is offered), else the default. */
    public static boolean wants(DeliveryChannel channel, NotificationKind kind, Set<String> roles, Map<Choice, Boolean> choices) {
        if (!offered(channel, kind, roles)) {
            return false;
        }
        return Optional.ofNullable(choices.get(new Choice(kind, channel))).orElseGet(() -> byDefault(channel, kind, roles));
    }

    /** One stored choice's key. */
    public record Choice(NotificationKind kind, DeliveryChannel channel) {
    }
}
