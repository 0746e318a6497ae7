package org.projectspark.account.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.projectspark.account.service.Registration;
import org.projectspark.platform.http.ApiPatterns;

/** Body of POST /auth/register. */
public record RegisterRequest(
        @NotBlank @Size(min = 3, max = 32)
        @Pattern(regexp = ApiPatterns.USERNAME, message = ApiPatterns.USERNAME_MESSAGE)
        String username,
        @NotNull @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password,
        @NotBlank @Size(max = 100)
        String displayName,
        @Email @Size(max = 254)
        String email,
        @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE)
        String locale) {

    Registration toRegistration() {
        return new Registration(username, password, displayName, email, locale);
    }
}
