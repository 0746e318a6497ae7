package org.projectspark.sync.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
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
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.TooLargeException;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.sync.service.ChangesPage;
import org.projectspark.sync.service.EventResult;
import org.projectspark.sync.service.IncomingEvent;
import org.projectspark.sync.service.SyncChanges;
import org.projectspark.sync.service.SyncSessions;
import org.projectspark.sync.service.SyncSettings;
import org.projectspark.sync.service.SyncStatus;
import org.projectspark.sync.service.SyncUpload;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A student's devices syncing: registering a device, uploading offline events (exactly once), asking which events
 * the server holds and what became of an upload. See docs/sync.md for the protocol.
 */
@Path("sync")
@ApplicationScoped
@RolesAllowed("STUDENT")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDoc.SYNC)
@SecurityRequirement(name = ApiDoc.BEARER)
public class SyncResource {

    @EJB
    SyncUpload upload;

    @EJB
    SyncSessions sessions;

    @Inject
    SyncStatus status;

    @Inject
    SyncSettings settings;

    @Inject
    SyncChanges changes;

    /** Registers the device (when the student signs in on it); offline events dated before this are implausible. */
    @PUT
    @Path("devices/{deviceId}")
    @Operation(operationId = "registerDevice", summary = "Registers the device the student signs in on")
    @RequestBody(required = true, description = "The device's details (docs/sync.md)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "The device", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public JsonObject register(@PathParam("deviceId") String deviceId, @Context SecurityContext security, InputStream body,
                               @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding) {
        String id = deviceId(deviceId);
        String label = null;
        JsonObject json = SyncBodies.readOptional(body, encoding, 4096).orElse(JsonValue.EMPTY_JSON_OBJECT);
        json.keySet().stream().filter(k -> !k.equals("label")).findFirst().ifPresent(k -> {
            throw new InvalidRequestException(k + " is not a field of a device registration (it takes label)");
        });
        if (json.containsKey("label")) {
            if (!(json.get("label") instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > 100) {
                throw new InvalidRequestException("label must be a name of 1 to 100 characters, such as \"Classroom tablet 3\"");
            }
            label = s.getString().strip();
        }
        sessions.register(student(security), id, label);
        return SyncViews.device(status.device(student(security), id));
    }

    @GET
    @Path("devices/{deviceId}")
    @Operation(summary = "One of the student's devices and its last sync")
    @APIResponse(responseCode = "200", description = "The device", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public JsonObject device(@PathParam("deviceId") String deviceId, @Context SecurityContext security) {
        return SyncViews.device(status.device(student(security), deviceId(deviceId)));
    }

    @GET
    @Path("devices")
    @Operation(summary = "The student's devices")
    @APIResponse(responseCode = "200", description = "The devices", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public JsonObject devices(@Context SecurityContext security) {
        return SyncViews.devices(status.devices(student(security)));
    }

    /**
     * A batch of offline events: {@code {"deviceId": "...", "events": [...]}}, plain or gzip. Answered 200 with a
     * result per event in the order sent, even when some are rejected; 503 when the upload stopped part-way
     * (what was applied stays applied; send the same batch again).
     */
    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadEvents", summary = "Uploads a batch of offline events (plain or gzip): a result per event, in the order sent")
    @RequestBody(required = true, description = "{deviceId, events: [...]} (docs/sync.md)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "A result per event, even when some are rejected", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    public StreamingOutput upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                             @Context SecurityContext security) {
        SyncBodies.Body batch = SyncBodies.read(body, encoding, settings.maxBatchBytes());
        String device = batch.json().get("deviceId") instanceof JsonString s ? s.getString() : null;
        if (device == null || !SyncEventReader.DEVICE_ID.matcher(device).matches()) {
            throw new InvalidRequestException("deviceId must be the device's id: 1 to 64 letters, digits or . _ : -");
        }
        JsonArray events = array(batch.json(), "events");
        if (events.size() > settings.maxEvents()) {
            throw new TooLargeException("a batch holds at most " + settings.maxEvents() + " events (this one has "
                    + events.size() + "); send them in several batches");
        }
        List<IncomingEvent> incoming = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            incoming.add(SyncEventReader.read(i, events.get(i), device));
        }
        SyncUpload.Receipt receipt = upload.upload(student(security), device, incoming, batch.wireBytes(), SyncSessions.Source.API);
        return SyncViews.streamed(g -> SyncViews.receipt(g, receipt));
    }

    /** Which of these events ({@code {"eventIds": [...]}}) the server holds, with their first results; the rest are missing. */
    @POST
    @Path("events/held")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which of these events the server holds, with their first results")
    @RequestBody(required = true, description = "{eventIds: [...]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "The events held and the ones missing", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    public StreamingOutput held(InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
                           @Context SecurityContext security) {
        JsonArray ids = array(SyncBodies.read(body, encoding, settings.maxBatchBytes()).json(), "eventIds");
        if (ids.size() > settings.maxEvents()) {
            throw new TooLargeException("ask about at most " + settings.maxEvents() + " event ids at a time");
        }
        List<UUID> asked = new ArrayList<>(ids.size());
        for (JsonValue v : ids) {
            try {
                asked.add(UUID.fromString(((JsonString) v).getString()));
            } catch (ClassCastException | IllegalArgumentException e) {
                throw new InvalidRequestException("eventIds must be event UUIDs (found " + v + ")");
            }
        }
        Map<UUID, EventResult> held = status.held(student(security), asked);
        return SyncViews.streamed(g -> {
            g.writeStartObject().writeStartArray("held");
            asked.stream().map(held::get).filter(Objects::nonNull).forEach(r -> SyncViews.result(g, r, false));
            g.writeEnd().writeStartArray("missing");
            asked.stream().filter(id -> !held.containsKey(id)).forEach(id -> g.write(id.toString()));
            g.writeEnd().writeEnd();
        });
    }

    @GET
    @Path("receipts/{receiptId}")
    @Operation(summary = "The receipt of an upload")
    @APIResponse(responseCode = "200", description = "The receipt", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public JsonObject receipt(@PathParam("receiptId") UUID receiptId, @Context SecurityContext security) {
        return SyncViews.receiptStatus(status.receipt(student(security), receiptId));
    }

    /**
     * What changed for the student since {@code since} (absent: a first, full sync), a page at a time; keep calling
     * with the returned cursor while {@code hasMore}, and keep the last cursor for the next sync.
     */
    @GET
    @Path("changes")
    @Operation(summary = "What changed for the student since a cursor (none: a first, full sync), a page at a time")
    @APIResponse(responseCode = "200", description = "A page of changes, the next cursor and hasMore", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public StreamingOutput changes(@QueryParam("since") @Size(max = 400, message = "since must be a cursor this server gave") String since,
                              @QueryParam("limit") @DefaultValue("0") @Min(value = 0, message = "limit must be from 10 to 1000")
                              @Max(value = 1000, message = "limit must be from 10 to 1000") int limit,
                              @Context SecurityContext security) {
        int page = limit == 0 ? settings.changesPage() : Math.max(limit, 10);
        ChangesPage changed = changes.changes(student(security), Optional.ofNullable(since).filter(s -> !s.isBlank()), page);
        return SyncViews.streamed(g -> SyncViews.page(g, changed));
    }

    private static JsonArray array(JsonObject json, String name) {
        if (!(json.get(name) instanceof JsonArray a)) {
            throw new InvalidRequestException(name + " must be an array");
        }
        return a;
    }

    static String deviceId(String id) {
        if (id == null || !SyncEventReader.DEVICE_ID.matcher(id).matches()) {
            throw new InvalidRequestException("a device id is 1 to 64 letters, digits or . _ : -");
        }
        return id;
    }

    static UUID student(SecurityContext security) {
        return UUID.fromString(security.getUserPrincipal().getName());
    }
}
