package org.projectspark.account.service;

import java.util.List;
import java.util.UUID;

/** Fired when sessions were ended (sign-out, stolen refresh token, password change, disabled account). */
public record SessionsEnded(List<UUID> sessionIds) {
}
