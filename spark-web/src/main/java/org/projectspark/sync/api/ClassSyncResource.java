package org.projectspark.sync.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonGenerator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.curriculum.api.CourseViews;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.service.CourseCatalog;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.sync.service.BundleSigner;
import org.projectspark.sync.service.ChangesPage;
import org.projectspark.sync.service.SyncBundles;
import org.projectspark.sync.service.SyncChanges;
import org.projectspark.sync.service.SyncOversight;
import org.projectspark.sync.service.SyncSettings;

import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A class's sync as its teachers see it: each student's devices and last sync, the events that wait for review or
 * were rejected, and the bundle files for a school with no connection (export, and import of the devices' events).
 */
@Path("classes/{id}/sync")
@ApplicationScoped
@RolesAllowed({"TEACHER", "SCHOOL_ADMIN", "ADMIN"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDoc.SYNC)
@SecurityRequirement(name = ApiDoc.BEARER)
public class ClassSyncResource {

    /** JWS compact serialization (RFC 7515). */
    static final String JOSE = "application/jose";
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    @EJB
    SyncOversight oversight;

    @EJB
    SyncBundles bundles;

    @Inject
    SyncChanges changes;

    @Inject
    BundleSigner signer;

    @Inject
    CourseCatalog catalog;

    @Inject
    SyncSettings settings;

    @GET
    @Operation(summary = "A class's sync: each student's devices and last sync, events waiting for review")
    @APIResponse(responseCode = "200", description = "The class's sync status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public JsonObject status(@PathParam("id") UUID classId, @Context SecurityContext security) {
        JsonArrayBuilder students = Json.createArrayBuilder();
        for (SyncOversight.StudentStatus s : oversight.classStatus(caller(security), classId)) {
            JsonArrayBuilder devices = Json.createArrayBuilder();
            for (SyncOversight.DeviceStatus d : s.devices()) {
                JsonObjectBuilder b = Json.createObjectBuilder().add("deviceId", d.deviceId()).add("registeredAt", SyncViews.time(d.registeredAt()))
                        .add("heldThroughSequence", d.heldThroughSequence()).add("pendingReview", d.pendingReview()).add("rejected", d.rejected());
                Optional.ofNullable(d.label()).ifPresent(l -> b.add("label", l));
                Optional.ofNullable(d.lastSyncedAt()).ifPresent(t -> b.add("lastSyncedAt", SyncViews.time(t)));
                Optional.ofNullable(d.lastSyncStatus()).ifPresent(t -> b.add("lastSyncStatus", t));
                devices.add(b);
            }
            JsonObjectBuilder b = Json.createObjectBuilder().add("studentId", s.studentId().toString()).add("displayName", s.displayName())
                    .add("pendingReview", s.pendingReview()).add("rejected", s.rejected()).add("devices", devices);
            Optional.ofNullable(s.lastSyncedAt()).ifPresent(t -> b.add("lastSyncedAt", SyncViews.time(t)));
            students.add(b);
        }
        return Json.createObjectBuilder().add("classId", classId.toString()).add("students", students).build();
    }

    /** Events of the class's students that need a teacher: {@code pending} review, {@code rejected}, or {@code all}. */
    @GET
    @Path("events")
    @Operation(summary = "Events of the class's students that need a teacher: pending review, rejected, or all")
    @APIResponse(responseCode = "200", description = "The events", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public JsonObject events(@PathParam("id") UUID classId, @Context SecurityContext security,
                             @QueryParam("kind") @DefaultValue("all") @Pattern(regexp = "pending|rejected|all", message = "kind is pending, rejected or all") String kind,
                             @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "limit must be from 1 to 500")
                             @Max(value = 500, message = "limit must be from 1 to 500") int limit) {
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (SyncOversight.Attention a : oversight.attention(caller(security), classId,
                SyncOversight.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), limit)) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("eventId", a.eventId().toString()).add("studentId", a.studentId().toString())
                    .add("displayName", a.displayName()).add("deviceId", a.deviceId()).add("sequence", a.sequence()).add("type", a.type())
                    .add("deviceTime", SyncViews.time(a.deviceTime())).add("receivedAt", SyncViews.time(a.receivedAt())).add("outcome", a.outcome());
            Optional.ofNullable(a.reason()).ifPresent(r -> b.add("reason", r));
            Optional.ofNullable(a.flags()).ifPresent(f -> {
                JsonArrayBuilder flags = Json.createArrayBuilder();
                for (String flag : f.split(",")) {
                    flags.add(flag);
                }
                b.add("flags", flags);
            });
            Optional.ofNullable(a.review()).ifPresent(r -> b.add("review", r));
            Optional.ofNullable(a.payload()).ifPresent(p -> b.add("event", payload(p)));
            events.add(b);
        }
        return Json.createObjectBuilder().add("classId", classId.toString()).add("kind", kind).add("events", events).build();
    }

    /**
     * A signed bundle of the class for a school with no connection: per student the pages of a first sync (as
     * {@code GET /sync/changes} would give them) and the cursor to go on from, the assigned courses' content in
     * every language they have, and the key the school's app signs its events bundle with.
     */
    @GET
    @Path("bundle")
    @Produces(JOSE)
    @Operation(summary = "A signed bundle of the class for a school with no connection (JWS, RFC 7515)")
    @APIResponse(responseCode = "200", description = "The bundle", content = @Content(mediaType = JOSE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response export(@PathParam("id") UUID classId, @Context SecurityContext security) {
        SyncBundles.ExportRecord export = bundles.startExport(caller(security), classId);
        StringWriter payload = new StringWriter();
        try (JsonGenerator g = Json.createGenerator(payload)) {
            g.writeStartObject().write("format", "spark-class-bundle/1").write("bundleId", export.bundleId().toString())
                    .write("classId", classId.toString()).write("className", export.schoolClass().name())
                    .write("exportedAt", SyncViews.time(export.exportedAt())).write("importKey", signer.importKeyText(export.bundleId()));
            Set<String> courseIds = new LinkedHashSet<>();
            g.writeStartArray("students");
            for (UUID student : export.students()) {
                g.writeStartObject().write("studentId", student.toString()).writeStartArray("pages");
                String cursor = null;
                boolean more = true;
                while (more) {
                    ChangesPage page = changes.changes(student, Optional.ofNullable(cursor), 100_000);
                    SyncViews.page(g, page);
                    cursor = page.cursor();
                    more = page.hasMore();
                    page.changes().courses().forEach(c -> courseIds.add(c.id()));
                }
                g.writeEnd().write("cursor", cursor).writeEnd();
            }
            g.writeEnd().writeStartArray("courses");
            for (String id : courseIds) {
                Course course = catalog.course(UUID.fromString(id), false);
                g.writeStartObject().write("id", id).write("contentVersion", course.contentVersion()).writeStartObject("content");
                for (String locale : course.title().asMap().keySet()) {
                    g.write(locale, payload(JSONB.toJson(CourseViews.course(course, course.localeFor(List.of(locale))))));
                }
                g.writeEnd().writeEnd();
            }
            g.writeEnd().writeEnd();
        }
        String file = "spark-class-" + classId + "-" + export.exportedAt().toLocalDate() + ".bundle";
        return Response.ok(signer.signExport(export.bundleId(), payload.toString()), JOSE)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store").build();
    }

    /**
     * Imports the devices' events a school's app collected, signed with an export's import key (a JWS, plain or
     * gzip). Refused whole when the signature does not hold; otherwise each upload gets a receipt like an API upload.
     */
    @POST
    @Path("bundles")
    @Consumes({JOSE, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Imports the events a school's app collected, signed with the bundle's import key (JWS, plain or gzip)")
    @RequestBody(required = true, content = @Content(mediaType = JOSE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "A receipt per upload", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    public StreamingOutput importBundle(@PathParam("id") UUID classId, InputStream body,
                                        @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding, @Context SecurityContext security) {
        SyncBodies.Text text = SyncBodies.readText(body, encoding, settings.maxBatchBytes());
        SyncBundles.Verified bundle = bundles.verify(caller(security), classId, text.text());
        List<SyncBundles.UploadOutcome> outcomes = bundles.importUploads(caller(security), bundle,
                SyncBundleReader.uploads(bundle, settings.maxEvents()), text.wireBytes());
        return SyncViews.streamed(g -> {
            g.writeStartObject().write("classId", classId.toString()).writeStartArray("uploads");
            for (SyncBundles.UploadOutcome o : outcomes) {
                g.writeStartObject();
                Optional.ofNullable(o.studentId()).ifPresent(s -> g.write("studentId", s.toString()));
                Optional.ofNullable(o.deviceId()).ifPresent(d -> g.write("deviceId", d));
                if (o.receipt() != null) {
                    // the receipt's device is the upload's, named above when there is one
                    SyncViews.receiptFields(g, o.receipt(), o.deviceId() == null);
                } else {
                    g.write("refused", o.refused());
                }
                g.writeEnd();
            }
            g.writeEnd().writeEnd();
        });
    }

    private static JsonObject payload(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().add("unreadable", json.length() > 200 ? json.substring(0, 200) : json).build();
        }
    }

    private static UUID caller(SecurityContext security) {
        return UUID.fromString(security.getUserPrincipal().getName());
    }
}
