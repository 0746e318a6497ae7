package org.projectspark.account.api;

import jakarta.validation.constraints.NotNull;
import org.projectspark.account.domain.Role;

/** Body of POST /admin/users/{id}/roles. */
public record RoleRequest(@NotNull Role role) {
}
