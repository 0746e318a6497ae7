package org.projectspark.platform.http;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives 429 its standard reason phrase on the status line. Servlet 6 has no way to set a reason phrase, and the
 * server's HTTP layer (Grizzly 4) knows none for 429, so every rate-limited answer went out as {@code 429 CUSTOM}.
 * Grizzly's table of reason phrases is registered here once, at deployment, before any 429 is sent. Where the
 * table cannot be reached (another server, another Grizzly) the status line stays as the server writes it; the
 * status code and the problem body are right either way.
 */
@WebListener
public class StatusLines implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(StatusLines.class.getName());

    @Override
    @SuppressWarnings("unchecked")
    public void contextInitialized(ServletContextEvent event) {
        try {
            Class<?> status = Class.forName("org.glassfish.grizzly.http.util.HttpStatus", true, event.getServletContext().getClassLoader());
            Field table = status.getDeclaredField("statusMessages");
            table.setAccessible(true);
            Map<Integer, Object> phrases = (Map<Integer, Object>) table.get(null);
            if (!phrases.containsKey(429)) {
                Method create = status.getMethod("newHttpStatus", int.class, String.class);
                // one entry: the table is read by every response and must not be resized while it is
                phrases.put(429, create.invoke(null, 429, "Too Many Requests"));
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "429 keeps the server's own reason phrase", e);
        }
    }
}
