package org.projectspark.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.projectspark.gamification.domain.Standing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What others see of a user and what the app adapts to: name, language, and their standing (XP and level), which
 * only the gamification rules move, never the profile API.
 */
@Entity
@Table(name = "profiles")
// Learning locks a profile row for every submission and sync chunk. In SQL, not JPQL: EclipseLink generated the SQL
// of a query with a lock mode again at every execution (about a quarter of the CPU of locking). Every column, so the
// query cannot fall behind the mapping; refreshed, as a locking read is.
@NamedNativeQuery(name = Profile.LOCKED, resultClass = Profile.class,
        query = "SELECT * FROM profiles WHERE user_id = ?1 FOR UPDATE",
        hints = @QueryHint(name = "eclipselink.refresh", value = "true"))
public class Profile {

    public static final String LOCKED = "Profile.locked";

    @Id
    private UUID id;

    // lazy: learning locks the profile row many times a second and never needs the account with it
    @OneToOne(optional = false, fetch = jakarta.persistence.FetchType.LAZY)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private User user;

    @Column(name = "user_id", insertable = false, updatable = false)
    private UUID userId;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(nullable = false, length = 35)
    private String locale;

    @Embedded
    private Standing standing = Standing.start();

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone = "UTC";

    /** The school the user belongs to (students, teachers, school admins); empty for guardians and admins. */
    @jakarta.persistence.Convert(converter = org.projectspark.platform.persistence.OptionalUuid.class)
    @Column(name = "school_id")
    private UUID schoolId;

    @Column(name = "hide_name_on_global_boards", nullable = false)
    private boolean hideNameOnGlobalBoards;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Profile() {
    }

    Profile(User user, String displayName, String locale) {
        this.id = UUID.randomUUID();
        this.user = user;
        this.userId = user.id();
        this.displayName = displayName;
        this.locale = locale;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedAt = createdAt;
    }

    public void rename(String newDisplayName) {
        this.displayName = newDisplayName;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The student's time zone, which decides when their days (streaks, daily XP cap) begin. */
    public void changeTimeZone(java.time.ZoneId zone) {
        this.timeZone = zone.getId();
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public java.time.ZoneId zone() {
        return java.time.ZoneId.of(timeZone);
    }

    public void changeLocale(String newLocale) {
        this.locale = newLocale;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The student's XP and level, as the gamification rules moved them ({@link Standing}). */
    public Standing standing() {
        return standing;
    }

    /** Takes the standing the rules gave; an equal one writes nothing (a retake that earned nothing). */
    public void moveTo(Standing next) {
        if (!next.equals(standing)) {
            standing = next;
            updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    public void joinSchool(UUID school) {
        this.schoolId = school;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Whether others see this student's name on global boards (they are ranked either way). */
    public void hideNameOnGlobalBoards(boolean hide) {
        this.hideNameOnGlobalBoards = hide;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public java.util.Optional<UUID> schoolId() { return java.util.Optional.ofNullable(schoolId); }
    public boolean nameHiddenOnGlobalBoards() { return hideNameOnGlobalBoards; }
    public UUID id() { return id; }
    public UUID userId() { return userId; }
    public String displayName() { return displayName; }
    public String locale() { return locale; }
    public long xpPoints() { return standing.xpPoints(); }
    public int level() { return standing.level(); }
}
