package org.projectspark.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /auth/refresh. */
public record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
}
