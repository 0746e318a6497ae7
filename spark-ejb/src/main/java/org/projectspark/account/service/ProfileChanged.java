package org.projectspark.account.service;

import java.util.UUID;

/**
 * Fired when something shown about a user changed: name, locale, time zone, email, roles, school or class
 * membership, a hidden name. Observers drop what they cached about them, after the change has committed. A change of
 * XP, level or badges is {@link org.projectspark.gamification.service.StandingChanged}.
 */
public record ProfileChanged(UUID userId) {
}
