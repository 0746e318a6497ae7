package org.projectspark.account.service;

import org.projectspark.account.domain.User;

/** The result of a sign-in or a refresh: a new access token, a new refresh token, and who it is for. */
public record SignedIn(String accessToken, long expiresInSeconds, String refreshToken, User user) {
}
