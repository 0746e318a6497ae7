package org.projectspark.media.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.media.domain.FilePurpose;
import org.projectspark.media.domain.ImageWidth;
import org.projectspark.media.domain.StoredFile;
import org.projectspark.media.service.FileReads;
import org.projectspark.media.service.FileUploads;
import org.projectspark.media.service.ImageWidths;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.problem.Problem;
import org.projectspark.platform.security.Caller;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Files: uploaded in one request (the body is the file, streamed to storage), read by those who may. Resumable
 * uploads are {@link ResumableUploadResource}'s.
 */
@Path("files")
@ApplicationScoped
@Tag(name = ApiDoc.FILES)
public class FileResource {

    static final String PUBLIC_CACHE = "public, max-age=31536000, immutable";
    static final String PRIVATE_CACHE = "private, no-cache";
    private static final int PIECE = 128 * 1024;

    @Inject
    FileUploads uploads;

    @Inject
    FileReads reads;

    @Inject
    ImageWidths widths;

    /**
     * The body is the file's bytes, of any declared type (the content decides). {@code name} is shown, never used to
     * store it.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
    @SecurityRequirement(name = ApiDoc.BEARER)
    @Operation(operationId = "uploadFile", summary = "Uploads a file in one request: the body is the file's bytes")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "The file; Location: the file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FileView.class)))
    @APIResponse(responseCode = "200", description = "The same bytes were uploaded by this user before: that file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FileView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE, description = "Over the file size limit or the storage quota")
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE, description = "A kind of file the purpose does not take")
    public Response upload(@QueryParam("name") @Size(max = 4_000) String name,
                           @QueryParam("purpose") @DefaultValue("ASSIGNMENT") FilePurpose purpose,
                           @HeaderParam("Content-Length") String contentLength, InputStream body) {
        FileUploads.Uploaded uploaded = uploads.upload(Caller.current().id(), purpose, name, body, length(contentLength));
        FileView view = FileView.of(uploaded.file());
        return (uploaded.created() ? Response.created(URI.create("/api/v1/files/" + view.id())) : Response.ok()).entity(view).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(summary = "A file's description (a private file: with the bearer token of a user who may read it)")
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FileView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response describe(@PathParam("id") UUID id) {
        StoredFile file = reads.readable(callerId(), id);
        return Response.ok(FileView.of(file)).header("Cache-Control", file.isPublic() ? PUBLIC_CACHE : PRIVATE_CACHE).build();
    }

    /**
     * The file's bytes, or a redirect to where they are (the CDN, a pre-signed S3 address). Ranges are honoured (206);
     * a range past the end is 416. With {@code w}, an image at that width instead (see {@link #atWidth}).
     */
    @GET
    @Path("{id}/content")
    @PermitAll
    @Operation(summary = "A file's bytes, a range of them, or an image at a width (w); a private file needs the bearer token")
    @APIResponse(responseCode = "200", description = "The bytes",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The range asked for (Content-Range)",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "307", description = "The bytes are elsewhere (CDN, pre-signed storage address): Location")
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "416", description = "The range is past the end")
    @APIResponse(responseCode = "422", description = "An image the server cannot resize (image-not-resizable): read it without w",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response content(@PathParam("id") UUID id, @QueryParam("w") String w, @HeaderParam("Range") String range,
                            @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("If-Range") String ifRange,
                            @HeaderParam("Accept") String accept) {
        if (w != null) {
            return atWidth(id, ImageWidth.of(w), accept, ifNoneMatch);
        }
        StoredFile file = reads.readable(callerId(), id);
        String cache = file.isPublic() ? PUBLIC_CACHE : PRIVATE_CACHE;
        Optional<FileReads.Elsewhere> elsewhere = reads.elsewhere(file);
        if (elsewhere.isPresent()) {
            return Response.temporaryRedirect(elsewhere.get().uri())
                    .header("Cache-Control", elsewhere.get().lasting() ? PUBLIC_CACHE : "private, no-store").build();
        }
        String etag = file.hash().etag();
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", cache).build();
        }
        long size = file.sizeBytes();
        Optional<ByteRange> asked;
        try {
            asked = ifRange != null && !ifRange.trim().equals(etag) ? Optional.empty() : ByteRange.parse(range, size);
        } catch (ByteRange.Unsatisfiable e) {
            return Problem.of(416, "range-not-satisfiable", "Range not satisfiable",
                            "The file has " + size + " bytes; ask for a range within them (bytes=0-" + (size - 1) + ")")
                    .at("/api/v1/files/" + id + "/content").toResponse()
                    .header("Content-Range", "bytes */" + size).build();
        }
        long offset = asked.map(ByteRange::first).orElse(0L);
        long length = asked.map(ByteRange::length).orElse(size);
        StreamingOutput bytes = out -> copy(reads.open(file, offset, length), out);
        Response.ResponseBuilder r = asked.isPresent()
                ? Response.status(206).header("Content-Range", asked.get().contentRange(size))
                : Response.ok();
        return r.entity(bytes).type(file.mediaType())
                .header("Content-Length", length)
                .header("Accept-Ranges", "bytes")
                .header("ETag", etag)
                .header("Cache-Control", cache)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", disposition(file))
                .build();
    }

    /**
     * The image at a width, in the format the Accept header allows (Vary: Accept): the whole variant, no ranges (it is
     * small), or a redirect to it where the original would be redirected.
     */
    private Response atWidth(UUID id, ImageWidth width, String accept, String ifNoneMatch) {
        StoredFile file = reads.readable(callerId(), id);
        ImageWidths.Kept kept = widths.at(file, width, widths.formatFor(acceptsWebp(accept)));
        String cache = file.isPublic() ? PUBLIC_CACHE : PRIVATE_CACHE;
        Optional<FileReads.Elsewhere> elsewhere = reads.elsewhere(file, kept.variant());
        if (elsewhere.isPresent()) {
            return Response.temporaryRedirect(elsewhere.get().uri()).header("Vary", "Accept")
                    .header("Cache-Control", elsewhere.get().lasting() ? PUBLIC_CACHE : "private, no-store").build();
        }
        String etag = kept.variant().etag();
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header("ETag", etag).header("Vary", "Accept").header("Cache-Control", cache).build();
        }
        StreamingOutput bytes = out -> copy(widths.open(kept), out);
        return Response.ok(bytes).type(kept.variant().mediaType())
                .header("Content-Length", kept.size())
                .header("ETag", etag)
                .header("Vary", "Accept")
                .header("Cache-Control", cache)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline")
                .build();
    }

    /** Only a device that names WebP gets it: many older image loaders send {@code *}/{@code *} and cannot show it. */
    static boolean acceptsWebp(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (parts[0].trim().equalsIgnoreCase("image/webp")) {
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.startsWith("q=")) {
                        try {
                            return Double.parseDouble(p.substring(2).trim()) > 0;
                        } catch (NumberFormatException e) {
                            return false;
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }

    /**
     * In large pieces: each write goes through JAX-RS, the servlet container and a socket write, which cost as much
     * for 8 KiB (transferTo's piece) as for 128 KiB.
     */
    private static void copy(InputStream in, OutputStream out) throws java.io.IOException {
        try (in) {
            byte[] piece = new byte[PIECE];
            int n;
            while ((n = in.read(piece)) > 0) {
                out.write(piece, 0, n);
            }
        }
    }

    /** Pictures, audio, video and PDFs show in place; anything else is a download, so a browser never runs it. */
    private static String disposition(StoredFile file) {
        String type = file.mediaType();
        boolean inline = type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/") || type.equals("application/pdf");
        String ascii = file.displayName().replaceAll("[^A-Za-z0-9._ -]", "_");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(file.displayName(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Optional<UUID> callerId() {
        return Caller.ifSignedIn().map(Caller::id);
    }

    static long length(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
