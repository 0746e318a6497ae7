package org.projectspark.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.account.domain.User;
import org.projectspark.account.persistence.UserRepository;
import org.projectspark.platform.error.NotFoundException;

import java.util.UUID;

/**
 * Read-only views of accounts. A plain CDI bean, not an EJB: a read needs no transaction, and this one
 * runs on every GET /users/me.
 */
@ApplicationScoped
public class AccountQueries {

    @Inject
    UserRepository users;

    /** A user with profile and roles, as shown to themselves or an admin: one query on the read database. */
    public User show(UUID userId) {
        return users.findForDisplay(userId).orElseThrow(() -> new NotFoundException("No user with id " + userId));
    }
}
