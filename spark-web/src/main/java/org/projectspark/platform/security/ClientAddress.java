package org.projectspark.platform.security;

import java.util.Set;

/**
 * The address a request really came from. X-Forwarded-For is believed only when the direct peer is a
 * trusted proxy (TRUSTED_PROXIES), and then the right-most address that is not itself a trusted proxy wins,
 * so a client cannot choose its own address to dodge rate limits.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String resolve(String remoteAddr, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(remoteAddr)) {
            return remoteAddr;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return remoteAddr;
    }
}
