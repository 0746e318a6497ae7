package org.projectspark.platform.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.projectspark.platform.http.RequestContext;
import org.projectspark.platform.http.RequestIds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the whole web module (WEB-INF/web.xml): an error the servlet container answers itself, outside
 * JAX-RS (a path that normalizes to no resource, such as {@code /api/v1/courses/..%2F..%2Fetc}, a method the
 * container refuses), leaves as the same problem+json as the API's own, never as the server's HTML page with its
 * product and version.
 */
@WebServlet(urlPatterns = ContainerErrors.PATH)
public class ContainerErrors extends HttpServlet {

    static final String PATH = "/.problem";

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c && c >= 400 ? c : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String id = RequestIds.begin(request);
        Problem problem = describe(status).withRequestId(id).at(uri instanceof String u ? u : null);
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader(RequestContext.HEADER, id);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSONB.toJson(problem));
    }

    private static Problem describe(int status) {
        return switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", "There is no API resource at this path");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", "This path does not accept this method");
            case 400 -> Problem.of(400, "bad-request", "Bad request", "The request line or its headers are not valid HTTP");
            case 413 -> Problem.of(413, "body-too-large", "Request body too large", "The request body is over the server's limit");
            case 500 -> Problem.of(500, "internal", "Internal server error", "Something went wrong on the server; quote the requestId when reporting it");
            case 503 -> Problem.of(503, "unavailable", "Service unavailable", "The server is starting or stopping; try again in a moment");
            default -> Problem.of(status, "http-" + status, "HTTP " + status, "The server refused the request (HTTP " + status + ")");
        };
    }
}
