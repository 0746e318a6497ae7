package org.projectspark.platform.ratelimit;

/** The answer of a rate limiter: allowed or not, how much is left, and when to come back. */
public record RateLimitDecision(boolean allowed, long remaining, long retryAfterSeconds) {
}
