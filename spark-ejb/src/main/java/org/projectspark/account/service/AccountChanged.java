package org.projectspark.account.service;

import java.util.UUID;

/**
 * Fired when something shown about an account changed (profile, email, roles, XP). Observers drop
 * what they cached about it, after the change has committed.
 */
public record AccountChanged(UUID userId) {
}
