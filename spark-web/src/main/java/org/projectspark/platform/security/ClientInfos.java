package org.projectspark.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.projectspark.account.service.ClientInfo;
import org.projectspark.platform.config.SparkSettings;

import java.util.Set;

/** Reads who is calling from a servlet request, honouring TRUSTED_PROXIES. */
@ApplicationScoped
public class ClientInfos {

    @Inject
    SparkSettings settings;

    private Set<String> trusted;

    public ClientInfo of(HttpServletRequest request) {
        if (trusted == null) {
            trusted = settings.trustedProxies();
        }
        String address = ClientAddress.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trusted);
        return new ClientInfo(address, request.getHeader("User-Agent"));
    }
}
