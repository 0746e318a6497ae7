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
import org.projectspark.notification.service.MyNotifications;
import org.projectspark.platform.security.Caller;

import java.util.List;
import java.util.UUID;

/** The signed-in user's notifications: only their recipient sees or changes one; to anyone else it does not exist. */
@Path("notifications")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"STUDENT", "TEACHER", "SCHOOL_ADMIN", "GUARDIAN", "ADMIN"})
public class NotificationResource {

    @EJB
    MyNotifications notifications;

    public record Page(List<NotificationView> items, long total, long unread, int offset, int limit) {
    }

    public record Unread(long unread) {
    }

    public record Marked(int marked) {
    }

    @GET
    public Page list(@QueryParam("unread") @DefaultValue("false") boolean unreadOnly,
                     @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                     @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        MyNotifications.Page page = notifications.list(Caller.current().id(), unreadOnly, offset, limit);
        return new Page(page.items().stream().map(NotificationView::of).toList(), page.total(), page.unread(), offset, limit);
    }

    @GET
    @Path("unread-count")
    public Unread unreadCount() {
        return new Unread(notifications.unreadCount(Caller.current().id()));
    }

    @POST
    @Path("{id}/read")
    public NotificationView markRead(@PathParam("id") UUID id) {
        return NotificationView.of(notifications.markRead(Caller.current().id(), id));
    }

    @POST
    @Path("read-all")
    public Marked markAllRead() {
        return new Marked(notifications.markAllRead(Caller.current().id()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        notifications.delete(Caller.current().id(), id);
        return Response.noContent().build();
    }
}
