package org.projectspark.account.service;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.projectspark.platform.config.SparkSettings;
import org.projectspark.platform.startup.SchemaReady;

import java.util.logging.Logger;

/** Makes the first platform admin from ADMIN_USERNAME/ADMIN_PASSWORD when the database has none. */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @Inject
    SparkSettings settings;

    @EJB
    AccountService accounts;

    void create(@Observes SchemaReady ready) {
        if (settings.adminPassword().isEmpty()) {
            if (!accounts.adminExists()) {
                LOG.warning(() -> "No admin exists and ADMIN_PASSWORD is not set, so none was made: set ADMIN_PASSWORD (and"
                        + " ADMIN_USERNAME, default admin) and start again to make the first admin");
            }
            return;
        }
        String username = settings.adminUsername();
        switch (accounts.ensureFirstAdmin(username, settings.adminPassword().get(), settings.adminEmail().orElse(null))) {
            case CREATED -> LOG.info(() -> "Created the first admin account '" + username + "'");
            case USERNAME_TAKEN -> LOG.warning(() -> "No admin exists, but ADMIN_USERNAME '" + username
                    + "' belongs to another account; set ADMIN_USERNAME to a free name");
            case ADMIN_EXISTS -> { }
        }
    }
}
