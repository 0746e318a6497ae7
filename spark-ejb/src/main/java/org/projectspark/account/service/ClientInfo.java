package org.projectspark.account.service;

/** Where a request came from: the client address (after trusted proxies) and its user agent. */
public record ClientInfo(String address, String userAgent) {
}
