package org.projectspark.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /auth/login: a username (or the account's email) and the password. */
public record LoginRequest(
        @NotBlank @Size(max = 254) String username,
        @NotNull @Size(max = 128) String password) {
}
