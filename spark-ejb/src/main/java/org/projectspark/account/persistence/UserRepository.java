package org.projectspark.account.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Users and their profiles (one aggregate). */
@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    /**
     * A user with profile and roles in one query, for display. From the primary, as every account read: a user reads
     * their account back right after changing it, and roles decide access.
     */
    public Optional<User> findForDisplay(UUID id) {
        return em.createNamedQuery(User.WITH_PROFILE_AND_ROLES, User.class)
                .setParameter("id", id)
                .setHint("eclipselink.read-only", "true") // shown, never changed: no copy kept for change tracking
                .getResultStream().findFirst();
    }

    public Optional<User> find(UUID id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    public Optional<User> findByUsername(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class)
                .setParameter("name", username.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }

    public Optional<User> findByEmail(String email) {
        return em.createNamedQuery(User.BY_EMAIL, User.class)
                .setParameter("email", email.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }

    /** Sign-in accepts the username or, for those who have one, the email. */
    public Optional<User> findBySignInName(String name) {
        return name.contains("@") ? findByEmail(name) : findByUsername(name);
    }

    public long countActiveWithRole(Role role) {
        return em.createNamedQuery(User.COUNT_WITH_ROLE, Long.class).setParameter("role", role).getSingleResult();
    }

    public void add(User user) {
        em.persist(user);
        em.flush(); // surface unique-index violations here, inside the caller's error handling
    }

    public void flush() {
        em.flush();
    }
}
