package org.projectspark.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.projectspark.platform.config.SparkSettings;

import java.util.Set;

/** Reads the address a servlet request came from, honouring TRUSTED_PROXIES ({@link ClientAddress}). */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    SparkSettings settings;

    private Set<String> trusted;

    public String of(HttpServletRequest request) {
        if (trusted == null) {
            trusted = settings.trustedProxies();
        }
        return ClientAddress.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trusted);
    }
}
