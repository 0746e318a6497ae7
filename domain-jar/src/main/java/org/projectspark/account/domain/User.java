package org.projectspark.account.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Someone who signs in: a student, teacher, school admin, guardian or platform admin.
 * Usernames are unique regardless of case; the email is optional because many rural students have none.
 */
@Entity
@Table(name = "users")
@NamedQuery(name = User.BY_USERNAME, query = "SELECT u FROM User u WHERE LOWER(u.username) = :name")
@NamedQuery(name = User.BY_EMAIL, query = "SELECT u FROM User u WHERE LOWER(u.email) = :email")
@NamedQuery(name = User.WITH_PROFILE_AND_ROLES,
        query = "SELECT u FROM User u JOIN FETCH u.profile LEFT JOIN FETCH u.roles WHERE u.id = :id")
@NamedQuery(name = User.COUNT_WITH_ROLE, query = "SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r = :role AND u.active = true")
public class User {

    public static final String BY_USERNAME = "User.byUsername";
    public static final String BY_EMAIL = "User.byEmail";
    public static final String COUNT_WITH_ROLE = "User.countWithRole";
    public static final String WITH_PROFILE_AND_ROLES = "User.withProfileAndRoles";

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role", nullable = false)
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = new HashSet<>();

    @OneToOne(mappedBy = "user", cascade = CascadeType.ALL, optional = false)
    private Profile profile;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "last_login_at")
    private OffsetDateTime lastLoginAt;

    @Version
    private long version;

    protected User() {
    }

    private User(String username, String email, String passwordHash, Set<Role> roles) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.active = true;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedAt = createdAt;
    }

    /** Self-registration: the account is always a student's. */
    public static User registerStudent(String username, String email, String passwordHash, String displayName, String locale) {
        return create(username, email, passwordHash, displayName, locale, Set.of(Role.STUDENT));
    }

    /** An account created by the platform itself (the first admin). */
    public static User create(String username, String email, String passwordHash, String displayName, String locale, Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a user holds at least one role");
        }
        User user = new User(username, email, passwordHash, roles);
        user.profile = new Profile(user, displayName, locale);
        return user;
    }

    public void grant(Role role) {
        if (roles.add(role)) {
            touch();
        }
    }

    /** Takes a role away; a user keeps at least one. Returns false when it would leave none. */
    public boolean revoke(Role role) {
        if (!roles.contains(role) || roles.size() == 1) {
            return false;
        }
        roles.remove(role);
        touch();
        return true;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
        touch();
    }

    public void changeEmail(String newEmail) {
        this.email = newEmail;
        touch();
    }

    public void recordLogin() {
        this.lastLoginAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void deactivate() {
        this.active = false;
        touch();
    }

    public void activate() {
        this.active = true;
        touch();
    }

    private void touch() {
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() { return id; }
    public String username() { return username; }
    public Optional<String> email() { return Optional.ofNullable(email); }
    public String passwordHash() { return passwordHash; }
    public boolean isActive() { return active; }
    public Set<Role> roles() { return Collections.unmodifiableSet(roles); }
    public boolean hasRole(Role role) { return roles.contains(role); }
    public Profile profile() { return profile; }
    public OffsetDateTime createdAt() { return createdAt; }
    public Optional<OffsetDateTime> lastLoginAt() { return Optional.ofNullable(lastLoginAt); }
}
