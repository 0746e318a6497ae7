package org.projectspark.platform.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.jacc.PolicyContext;
import jakarta.security.jacc.PolicyContextException;
import jakarta.security.jacc.WebResourcePermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.security.auth.Subject;
import java.security.CodeSource;
import java.security.Policy;
import java.security.Principal;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * Jakarta Security's {@link SecurityContext}, answered from the request the container already
 * authenticated. Payara's {@code @RolesAllowed} filter asks it for the caller on every request; the stock
 * implementation rebuilds the caller by reflection over the JACC subject each time (trying JBoss and
 * WebLogic class names first), which cost a quarter of the CPU of GET /users/me. The answers are the same:
 * the caller and roles come from the servlet request, the subject and web-resource checks from JACC.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class RequestSecurityContext implements SecurityContext {

    private static final String SUBJECT_KEY = "javax.security.auth.Subject.container";

    @Inject
    HttpServletRequest request;

    @Override
    public Principal getCallerPrincipal() {
        return request.getUserPrincipal();
    }

    @Override
    public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
        Subject subject = containerSubject();
        return subject == null ? Set.of() : subject.getPrincipals(type);
    }

    @Override
    public boolean isCallerInRole(String role) {
        return request.isUserInRole(role);
    }

    @Override
    public boolean hasAccessToWebResource(String resource, String... methods) {
        Subject subject = containerSubject();
        Principal[] principals = subject == null ? new Principal[0] : subject.getPrincipals().toArray(new Principal[0]);
        ProtectionDomain domain = new ProtectionDomain(new CodeSource(null, (java.security.cert.Certificate[]) null), null, null, principals);
        return Policy.getPolicy().implies(domain, new WebResourcePermission(resource, methods));
    }

    /**
     * The bearer token was already checked when this request entered the container; checking it again
     * cannot give another answer, so this reports that nothing new was done.
     */
    @Override
    public AuthenticationStatus authenticate(HttpServletRequest req, HttpServletResponse resp, AuthenticationParameters parameters) {
        return AuthenticationStatus.NOT_DONE;
    }

    private static Subject containerSubject() {
        try {
            return (Subject) PolicyContext.getContext(SUBJECT_KEY);
        } catch (PolicyContextException e) {
            return null;
        }
    }
}
