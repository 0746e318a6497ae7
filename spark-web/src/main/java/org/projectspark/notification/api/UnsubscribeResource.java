package org.projectspark.notification.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.notification.service.DeliveryPreferences;
import org.projectspark.notification.service.UnsubscribeTokens;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.openapi.ApiDoc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An email's unsubscribe link, without signing in: the signed token names one user and one kind. GET only asks (mail
 * scanners follow links, and a GET must change nothing); POST does it, from the page's button or as the one-click
 * POST mail clients send for List-Unsubscribe-Post (RFC 8058). Doing it twice is the same as once.
 */
@Path("unsubscribe")
@ApplicationScoped
@Tag(name = ApiDoc.NOTIFICATIONS)
public class UnsubscribeResource {

    @Inject
    UnsubscribeTokens tokens;

    @EJB
    DeliveryPreferences preferences;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    @Operation(summary = "An email's unsubscribe link: a page asking to confirm (changes nothing)")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response ask(@QueryParam("token") String token) {
        UnsubscribeTokens.Scope scope = scope(token);
        List<String> words = preferences.unsubscribeWords(scope.userId(), scope.kind());
        String action = "unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return page(words.get(3), words.get(0), "<form method=\"post\" action=\"" + html(action) + "\"><button type=\"submit\">"
                + html(words.get(1)) + "</button></form>");
    }

    @POST
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    @Operation(summary = "Unsubscribes the token's user from the token's kind of email (RFC 8058 one-click too)")
    @APIResponse(responseCode = "200", description = "The page saying it is done",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response unsubscribe(@QueryParam("token") String token) {
        UnsubscribeTokens.Scope scope = scope(token);
        preferences.stopEmails(scope.userId(), scope.kind());
        List<String> words = preferences.unsubscribeWords(scope.userId(), scope.kind());
        return page(words.get(3), words.get(2), "");
    }

    private UnsubscribeTokens.Scope scope(String token) {
        return tokens.verify(token).orElseThrow(() -> new InvalidRequestException("This unsubscribe link is not valid; use the one in the email as it is"));
    }

    private static Response page(String lang, String text, String form) {
        String body = "<!DOCTYPE html>\n<html lang=\"" + html(lang) + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>Spark</title></head><body style=\"font-family:sans-serif\"><p>" + html(text) + "</p>"
                + form + "</body></html>\n";
        // the one page the application serves: its inline style and its form posting back to itself, nothing else
        return Response.ok(body).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .build();
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
