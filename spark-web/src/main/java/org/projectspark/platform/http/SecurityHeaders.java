package org.projectspark.platform.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.projectspark.platform.config.SparkSettings;

import java.io.IOException;

/**
 * Security headers on every answer of the application, whatever answers it (JAX-RS, a held answer, the health
 * servlet, the container's error page), so they do not depend on nginx being in front. The API serves data, never
 * pages: its Content-Security-Policy allows nothing to load or run and no page to frame it, which also makes an
 * uploaded file opened in a browser inert. HSTS only in production, where the server is reached over HTTPS
 * (a development machine on http://localhost must not be pinned to HTTPS). X-XSS-Protection is left out: browsers
 * removed the filter it switched on, and it caused leaks of its own. Mapped first in web.xml, so it runs before any
 * filter that may answer by itself.
 */
public class SecurityHeaders extends HttpFilter {

    /** Nothing loads, runs, frames or submits from an API answer. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Inject
    SparkSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", API_POLICY);
        if (settings.isProduction()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
