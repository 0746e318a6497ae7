package org.projectspark.notification.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.projectspark.notification.service.MyNotifications;
import org.projectspark.platform.openapi.ApiDoc;
import org.projectspark.platform.security.Caller;

import java.util.List;
import java.util.UUID;

/** The signed-in user's notifications: only their recipient sees or changes one; to anyone else it does not exist. */
@Path("notifications")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
@Tag(name = ApiDoc.NOTIFICATIONS)
@SecurityRequirement(name = ApiDoc.BEARER)
public class NotificationResource {

    @EJB
    MyNotifications notifications;

    @Schema(name = "NotificationPage")
    public record Page(List<NotificationView> items, long total, long unread, int offset, int limit) {
    }

    public record Unread(long unread) {
    }

    public record Marked(int marked) {
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "The signed-in user's notifications, newest first")
    @APIResponse(responseCode = "200", description = "A page of notifications", content = @Content(schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    public Page list(@QueryParam("unread") @DefaultValue("false") boolean unreadOnly,
                     @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                     @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        MyNotifications.Page page = notifications.list(Caller.current().id(), unreadOnly, offset, limit);
        return new Page(page.items().stream().map(NotificationView::of).toList(), page.total(), page.unread(), offset, limit);
    }

    @GET
    @Path("unread-count")
    @Operation(summary = "How many notifications are unread")
    @APIResponse(responseCode = "200", description = "The count", content = @Content(schema = @Schema(implementation = Unread.class)))
    public Unread unreadCount() {
        return new Unread(notifications.unreadCount(Caller.current().id()));
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Marks a notification read")
    @APIResponse(responseCode = "200", description = "The notification", content = @Content(schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public NotificationView markRead(@PathParam("id") UUID id) {
        return NotificationView.of(notifications.markRead(Caller.current().id(), id));
    }

    @POST
    @Path("read-all")
    @Operation(summary = "Marks every notification read")
    @APIResponse(responseCode = "200", description = "How many were marked", content = @Content(schema = @Schema(implementation = Marked.class)))
    public Marked markAllRead() {
        return new Marked(notifications.markAllRead(Caller.current().id()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Deletes a notification")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    public Response delete(@PathParam("id") UUID id) {
        notifications.delete(Caller.current().id(), id);
        return Response.noContent().build();
    }
}
