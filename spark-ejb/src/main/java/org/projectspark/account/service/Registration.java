package org.projectspark.account.service;

/** What a new student gives to open an account. Validated at the API edge. */
public record Registration(String username, String password, String displayName, String email, String locale) {
}
