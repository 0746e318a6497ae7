package org.projectspark.curriculum.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.error.InvalidRequestException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A course: units of lessons of activities, every text in the languages its authors wrote. Drafts are seen
 * by authors only; publishing makes it visible to students and bumps its content version, which devices
 * use to know their copy is stale.
 */
@Entity
@Table(name = "courses")
@NamedQuery(name = Course.PUBLISHED, query = "SELECT c FROM Course c WHERE c.status = org.projectspark.curriculum.domain.CourseStatus.PUBLISHED ORDER BY c.subject, c.id")
@NamedQuery(name = Course.ALL, query = "SELECT c FROM Course c ORDER BY c.subject, c.id")
public class Course {

    public static final String PUBLISHED = "Course.published";
    public static final String ALL = "Course.all";

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String subject;

    @Column(name = "default_locale", nullable = false, length = 35)
    private String defaultLocale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CourseStatus status;

    @Column(name = "content_version", nullable = false)
    private int contentVersion;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText title;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText description;

    @Column(name = "created_by", nullable = false, updatable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "published_at")
    private OffsetDateTime publishedAt;

    @OneToMany(mappedBy = "course", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<CourseUnit> units = new ArrayList<>();

    @Version
    private long version;

    protected Course() {
    }

    /** A new draft written by {@code author}. */
    public static Course draft(CourseContent content, UUID author) {
        Course c = new Course();
        c.id = UUID.randomUUID();
        c.status = CourseStatus.DRAFT;
        c.createdBy = author;
        c.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.apply(content);
        return c;
    }

    /**
     * Replaces the content. A published course stays published with a new content version, so devices
     * fetch it again.
     */
    public void replace(CourseContent content) {
        units.clear();
        apply(content);
        if (status == CourseStatus.PUBLISHED) {
            contentVersion++;
        }
    }

    public void publish() {
        if (units.stream().allMatch(u -> u.lessons().isEmpty())) {
            throw new ConflictException("A course needs at least one lesson before it is published");
        }
        if (status == CourseStatus.PUBLISHED) {
            return;
        }
        status = CourseStatus.PUBLISHED;
        contentVersion++;
        publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        updatedAt = publishedAt;
    }

    public void unpublish() {
        status = CourseStatus.DRAFT;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void apply(CourseContent content) {
        if (!content.title().has(content.defaultLocale())) {
            throw new InvalidRequestException("title needs a text in the default locale '" + content.defaultLocale() + "'");
        }
        subject = content.subject();
        defaultLocale = content.defaultLocale();
        title = content.title();
        description = content.description();
        int position = 0;
        for (CourseContent.UnitContent unit : content.units()) {
            units.add(new CourseUnit(this, position++, unit));
        }
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * The locale to serve: the first of the reader's preferences the course has a title in, else its default.
     */
    public String localeFor(List<String> preferences) {
        return preferences.stream().map(title::localeMatching).flatMap(Optional::stream).findFirst().orElse(defaultLocale);
    }

    public boolean isPublished() {
        return status == CourseStatus.PUBLISHED;
    }

    public UUID id() { return id; }
    public String subject() { return subject; }
    public String defaultLocale() { return defaultLocale; }
    public CourseStatus status() { return status; }
    public int contentVersion() { return contentVersion; }
    public LocalizedText title() { return title; }
    public LocalizedText description() { return description; }
    public UUID createdBy() { return createdBy; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public Optional<OffsetDateTime> publishedAt() { return Optional.ofNullable(publishedAt); }
    public List<CourseUnit> units() { return Collections.unmodifiableList(units); }
}
