package org.projectspark.media.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.media.domain.Upload;
import org.projectspark.media.service.MediaSettings;
import org.projectspark.media.service.ResumableUploads;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.problem.ProblemException;
import org.projectspark.platform.security.Caller;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Resumable uploads, speaking tus 1.0 (https://tus.io/protocols/resumable-upload): create with POST and
 * Upload-Length, ask the offset with HEAD, append with PATCH at that offset; the upload that reaches its length
 * becomes a file. tus clients for Android, iOS and the browser talk to it as they are.
 */
@Path("files/uploads")
@ApplicationScoped
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.FILES)
public class ResumableUploadResource {

    static final String TUS_VERSION = "1.0.0";
    static final String OFFSET_STREAM = "application/offset+octet-stream";

    @Inject
    ResumableUploads uploads;

    @Inject
    MediaSettings settings;

    public record UploadView(UUID id, long offset, long length, OffsetDateTime expiresAt, UUID fileId, String fileUrl) {
        static UploadView of(Upload u) {
            return new UploadView(u.id(), u.offsetBytes(), u.lengthBytes(), u.expiresAt(), u.fileId().orElse(null),
                    u.fileId().map(f -> "/api/v1/files/" + f).orElse(null));
        }
    }

    /** What this server speaks (tus discovery); no sign-in needed. */
    @OPTIONS
    @PermitAll
    @Operation(summary = "tus discovery: the version, extensions and maximum size this server speaks")
    @APIResponse(responseCode = "204", description = "Tus-Version, Tus-Extension, Tus-Max-Size")
    public Response options() {
        return Response.noContent()
                .header("Tus-Resumable", TUS_VERSION)
                .header("Tus-Version", TUS_VERSION)
                .header("Tus-Extension", "creation,expiration,termination")
                .header("Tus-Max-Size", settings.largestUpload())
                .build();
    }

    /**
     * Creation. {@code Upload-Metadata} may carry {@code filename} (shown, never used to store) and {@code purpose}
     * (ASSIGNMENT, the default, or LESSON_MEDIA); the query parameter {@code purpose} also works.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(operationId = "createUpload", summary = "Creates a resumable upload (tus 1.0 creation) of Upload-Length bytes")
    @APIResponse(responseCode = "201", description = "The upload; Location: its address, Upload-Offset 0",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    public Response create(@HeaderParam("Tus-Resumable") String tus, @HeaderParam("Upload-Length") String length,
                           @HeaderParam("Upload-Defer-Length") String deferred, @HeaderParam("Upload-Metadata") String metadata,
                           @QueryParam("purpose") FilePurpose purposeParam) {
        requireTus(tus);
        if (deferred != null) {
            throw refused(400, "Upload-Defer-Length is not supported: send Upload-Length, the file's size in bytes");
        }
        long size = number("Upload-Length", length);
        Map<String, String> meta = metadata(metadata);
        FilePurpose purpose = purposeParam != null ? purposeParam : purpose(meta.get("purpose"));
        Upload upload = uploads.create(Caller.current().id(), purpose, meta.get("filename"), size);
        return Response.created(URI.create("/api/v1/files/uploads/" + upload.id()))
                .header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Offset", 0)
                .header("Upload-Expires", httpDate(upload.expiresAt()))
                .entity(UploadView.of(upload)).build();
    }

    /** The offset the server holds (tus uses HEAD, which JAX-RS answers from this method without the body). */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(summary = "The offset the server holds of an upload (tus clients ask with HEAD)")
    @APIResponse(responseCode = "200", description = "The upload; Upload-Offset, Upload-Length",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response offset(@PathParam("id") UUID id) {
        Upload upload = uploads.status(Caller.current().id(), id);
        Response.ResponseBuilder r = Response.ok(UploadView.of(upload))
                .header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Offset", upload.offsetBytes())
                .header("Upload-Length", upload.lengthBytes())
                .header("Cache-Control", "no-store");
        if (upload.fileId().isEmpty()) {
            r.header("Upload-Expires", httpDate(upload.expiresAt()));
        }
        return r.build();
    }

    /** Appends the body at Upload-Offset, which must be the offset the server holds (409 otherwise). */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(summary = "Appends the body at Upload-Offset (Content-Type: application/offset+octet-stream)")
    @RequestBody(required = true, content = @Content(mediaType = "application/offset+octet-stream",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "204", description = "Appended: Upload-Offset is the new offset")
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT, description = "Upload-Offset is not the offset the server holds")
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    public Response append(@PathParam("id") UUID id, @HeaderParam("Tus-Resumable") String tus, @HeaderParam("Content-Type") String type,
                           @HeaderParam("Upload-Offset") String offset, java.io.InputStream body) {
        requireTus(tus);
        if (type == null || !type.trim().toLowerCase(java.util.Locale.ROOT).startsWith(OFFSET_STREAM)) {
            throw refused(415, "Send the bytes as Content-Type: " + OFFSET_STREAM);
        }
        ResumableUploads.Appended appended = uploads.append(Caller.current().id(), id, number("Upload-Offset", offset), body);
        Response.ResponseBuilder r = Response.noContent().header("Tus-Resumable", TUS_VERSION).header("Upload-Offset", appended.offset());
        appended.file().map(StoredFile::id).ifPresentOrElse(f -> r.header("Spark-File-Id", f).header("Location", "/api/v1/files/" + f),
                () -> r.header("Upload-Expires", httpDate(OffsetDateTime.now(java.time.ZoneOffset.UTC).plus(settings.uploadExpiry()))));
        return r.build();
    }

    /** Termination: the upload and the bytes received are dropped. */
    @DELETE
    @Path("{id}")
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(summary = "Drops an upload and the bytes received (tus termination)")
    @APIResponse(responseCode = "204", description = "Dropped")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response terminate(@PathParam("id") UUID id, @HeaderParam("Tus-Resumable") String tus) {
        requireTus(tus);
        uploads.terminate(Caller.current().id(), id);
        return Response.noContent().header("Tus-Resumable", TUS_VERSION).build();
    }

    private static void requireTus(String version) {
        if (!TUS_VERSION.equals(version == null ? null : version.trim())) {
            throw new ProblemException(Problem.of(412, "tus-version", "Unsupported tus version",
                    "Send Tus-Resumable: " + TUS_VERSION + " (the only tus version this server speaks)"));
        }
    }

    private static long number(String header, String value) {
        try {
            long n = Long.parseLong(value == null ? "" : value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw refused(400, header + " must be a number of bytes (0 or more)");
    }

    private static FilePurpose purpose(String value) {
        if (value == null || value.isBlank()) {
            return FilePurpose.ASSIGNMENT;
        }
        try {
            return FilePurpose.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw refused(400, "Upload-Metadata purpose must be ASSIGNMENT or LESSON_MEDIA");
        }
    }

    /** tus metadata: comma-separated {@code key base64value} pairs. */
    static Map<String, String> metadata(String header) {
        Map<String, String> meta = new HashMap<>();
        if (header == null || header.isBlank()) {
            return meta;
        }
        for (String pair : header.split(",")) {
            String[] kv = pair.trim().split(" ", 2);
            if (kv[0].isEmpty()) {
                continue;
            }
            try {
                meta.put(kv[0], kv.length == 2 ? new String(Base64.getDecoder().decode(kv[1].trim()), StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw refused(400, "Upload-Metadata values must be Base64 (the value of " + kv[0] + " is not)");
            }
        }
        return meta;
    }

    private static ProblemException refused(int status, String detail) {
        String slug = status == 415 ? "unsupported-media-type" : "invalid-upload-request";
        String title = status == 415 ? "Unsupported media type" : "Invalid upload request";
        return new ProblemException(Problem.of(status, slug, title, detail));
    }

    private static String httpDate(OffsetDateTime t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t);
    }

}
