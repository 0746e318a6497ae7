package org.projectspark.account.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.projectspark.account.service.ProfileChanges;
import org.projectspark.platform.http.ApiPatterns;

/**
 * Body of PATCH /users/me. Fields left out stay as they are; an empty email removes it. Roles, XP and
 * level are not fields here: sending them is refused as unknown.
 */
public record UpdateMeRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName,
        @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String locale,
        @Size(max = 64) String timeZone,
        @Email @Size(max = 254) String email,
        @Size(max = 128) String currentPassword,
        @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String newPassword,
        Boolean hideNameOnGlobalBoards) {

    @AssertTrue(message = "is needed to set a new password")
    boolean isCurrentPassword() {
        return newPassword == null || currentPassword != null;
    }

    ProfileChanges toChanges() {
        return new ProfileChanges(displayName, locale, timeZone, email, currentPassword, newPassword, hideNameOnGlobalBoards);
    }
}
