package org.projectspark.platform.security;

import jakarta.inject.Inject;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Puts {@link BearerTokenModule} in front of this web module when it starts, and takes it away when it stops. */
@WebListener
public class AuthModuleRegistration implements ServletContextListener {

    @Inject
    BearerTokenMechanism mechanism;

    private String registration;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        registration = AuthConfigFactory.getFactory().registerServerAuthModule(new BearerTokenModule(mechanism), event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (registration != null) {
            AuthConfigFactory.getFactory().removeRegistration(registration);
        }
    }
}
