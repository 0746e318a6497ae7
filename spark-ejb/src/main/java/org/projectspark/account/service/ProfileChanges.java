package org.projectspark.account.service;

/**
 * Changes a user asks for on their own account. A null field is left as it is; an empty email removes it.
 * A new password needs the current one.
 */
public record ProfileChanges(String displayName, String locale, String timeZone, String email, String currentPassword,
                             String newPassword, Boolean hideNameOnGlobalBoards) {
}
