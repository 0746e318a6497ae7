package org.projectspark.account.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.projectspark.account.domain.AuthSession;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.persistence.UserRepository;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.error.NotFoundException;

import java.util.Set;
import java.util.UUID;

/** Opening accounts, changing one's own profile, and granting roles. */
@Stateless
public class AccountService {

    @Inject
    UserRepository users;

    @Inject
    PasswordHasher hasher;

    @EJB
    SessionService sessionService;

    @Inject
    Event<ProfileChanged> profileChanged;

    /** Self-registration: always a student. Usernames and emails are unique regardless of case. */
    public User register(Registration r) {
        String username = r.username().trim();
        String email = blankToNull(r.email());
        refuseTakenUsername(username);
        if (email != null) {
            refuseTakenEmail(email, null);
        }
        String hash = hasher.hash(r.password().toCharArray());
        User user = User.registerStudent(username, email, hash, r.displayName().trim(), localeOrDefault(r.locale()));
        return addUnique(user);
    }

    public User find(UUID userId) {
        return users.find(userId).orElseThrow(() -> new NotFoundException("No user with id " + userId));
    }


    public User findByUsername(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFoundException("No user named '" + username + "'"));
    }

    /**
     * Applies a user's changes to their own account. A password change needs the current password and
     * ends the user's other sessions (a lost phone stops working).
     */
    public User changeOwnAccount(UUID userId, UUID currentSession, ProfileChanges changes) {
        User user = find(userId);
        if (changes.displayName() != null) {
            user.profile().rename(changes.displayName().trim());
        }
        if (changes.locale() != null) {
            user.profile().changeLocale(changes.locale());
        }
        if (changes.timeZone() != null) {
            try {
                user.profile().changeTimeZone(java.time.ZoneId.of(changes.timeZone()));
            } catch (java.time.DateTimeException e) {
                throw new InvalidRequestException("timeZone '" + changes.timeZone() + "' is not a time zone such as Africa/Nairobi");
            }
        }
        if (changes.hideNameOnGlobalBoards() != null) {
            user.profile().hideNameOnGlobalBoards(changes.hideNameOnGlobalBoards());
        }
        if (changes.email() != null) {
            String email = blankToNull(changes.email());
            if (email != null) {
                refuseTakenEmail(email, userId);
            }
            user.changeEmail(email);
        }
        if (changes.newPassword() != null) {
            if (changes.currentPassword() == null || !hasher.verify(user.passwordHash(), changes.currentPassword().toCharArray())) {
                throw new InvalidRequestException("currentPassword is missing or wrong; it is needed to set a new password");
            }
            user.changePasswordHash(hasher.hash(changes.newPassword().toCharArray()));
            sessionService.endAllOf(userId, currentSession, AuthSession.EndReason.PASSWORD_CHANGED);
        }
        users.flush();
        profileChanged.fire(new ProfileChanged(userId));
        return user;
    }

    public User grantRole(UUID userId, Role role) {
        User user = find(userId);
        user.grant(role);
        profileChanged.fire(new ProfileChanged(userId));
        return user;
    }

    public User revokeRole(UUID userId, Role role) {
        User user = find(userId);
        if (!user.hasRole(role)) {
            throw new NotFoundException("User " + user.username() + " does not hold the role " + role);
        }
        if (!user.revoke(role)) {
            throw new ConflictException("A user keeps at least one role; grant another before taking " + role + " away");
        }
        // access tokens carry the roles: the user's sessions end, so no instance honours the old role past the session
        // check's bound, and the next sign-in carries the roles left
        sessionService.endAllOf(userId, null, AuthSession.EndReason.ROLE_REVOKED);
        profileChanged.fire(new ProfileChanged(userId));
        return user;
    }

    /** Whether any active platform admin exists. */
    public boolean adminExists() {
        return users.countActiveWithRole(Role.ADMIN) > 0;
    }

    /**
     * Creates the first platform admin when there is none. Refuses to promote an existing account that
     * happens to carry the admin's username (someone could have registered it first).
     */
    public BootstrapResult ensureFirstAdmin(String username, String password, String email) {
        if (adminExists()) {
            return BootstrapResult.ADMIN_EXISTS;
        }
        if (users.findByUsername(username).isPresent()) {
            return BootstrapResult.USERNAME_TAKEN;
        }
        User admin = User.create(username, email, hasher.hash(password.toCharArray()), "Administrator", "en", Set.of(Role.ADMIN));
        addUnique(admin);
        return BootstrapResult.CREATED;
    }

    /** What {@link #ensureFirstAdmin} did. */
    public enum BootstrapResult { CREATED, ADMIN_EXISTS, USERNAME_TAKEN }

    private User addUnique(User user) {
        try {
            users.add(user);
            return user;
        } catch (PersistenceException e) {
            // a concurrent registration won the race for the same username or email
            throw new ConflictException("The username or email was taken a moment ago; choose another");
        }
    }

    private void refuseTakenUsername(String username) {
        if (users.findByUsername(username).isPresent()) {
            throw new ConflictException("The username '" + username + "' is taken; choose another");
        }
    }

    private void refuseTakenEmail(String email, UUID exceptUser) {
        users.findByEmail(email)
                .filter(other -> !other.id().equals(exceptUser))
                .ifPresent(other -> {
                    throw new ConflictException("The email " + email + " belongs to another account");
                });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String localeOrDefault(String locale) {
        return locale == null || locale.isBlank() ? "en" : locale;
    }
}
