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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

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

    /** Every learner-facing text of the course (titles, summaries, bodies, prompts, options), in reading order. */
    public List<CourseText> texts() {
        return slots(null).values().stream().map(s -> new CourseText(s.path(), s.text())).toList();
    }

    /** The texts of one lesson of this course; none when the lesson is not one of its own. */
    public Optional<List<CourseText>> lessonTexts(UUID lessonId) {
        return units.stream().flatMap(u -> u.lessons().stream()).filter(l -> l.id().equals(lessonId)).findFirst()
                .map(l -> slots(l).values().stream().map(s -> new CourseText(s.path(), s.text())).toList());
    }

    /**
     * Puts reviewed translations in as {@code locale}'s entry of the texts at their paths (path to text); paths the
     * course no longer has are left out. A published course gets a new content version, as when its content is
     * replaced, so devices fetch it at their next sync. Returns the paths that took.
     */
    public Set<String> putTranslations(String locale, Map<String, String> byPath) {
        if (locale.equals(defaultLocale)) {
            throw new InvalidRequestException("translations cannot replace the course's default locale '" + defaultLocale + "'");
        }
        Map<String, TextSlot> slots = slots(null);
        Set<String> put = new LinkedHashSet<>();
        byPath.forEach((path, text) -> {
            TextSlot slot = slots.get(path);
            if (slot != null && text != null && !text.isBlank()) {
                slot.put().accept(slot.text().with(locale, text));
                put.add(path);
            }
        });
        if (!put.isEmpty()) {
            updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            if (status == CourseStatus.PUBLISHED) {
                contentVersion++;
            }
        }
        return put;
    }

    private record TextSlot(String path, LocalizedText text, Consumer<LocalizedText> put) {
    }

    /** The text slots of the course, or of one lesson of it; empty texts have nothing to translate and are left out. */
    private Map<String, TextSlot> slots(Lesson only) {
        Map<String, TextSlot> slots = new LinkedHashMap<>();
        if (only == null) {
            slot(slots, "title", title, t -> title = t);
            slot(slots, "description", description, t -> description = t);
        }
        for (CourseUnit unit : units) {
            String u = "u" + unit.position();
            if (only == null) {
                slot(slots, u + ".title", unit.title(), unit::title);
            }
            for (Lesson lesson : unit.lessons()) {
                if (only != null && only != lesson) {
                    continue;
                }
                String l = u + ".l" + lesson.position();
                slot(slots, l + ".title", lesson.title(), lesson::title);
                slot(slots, l + ".summary", lesson.summary(), lesson::summary);
                for (Activity activity : lesson.activities()) {
                    String a = l + ".a" + activity.position();
                    slot(slots, a + ".title", activity.title(), activity::title);
                    slot(slots, a + ".body", activity.body(), activity::body);
                    for (Question question : activity.questions()) {
                        String q = a + ".q" + question.position();
                        slot(slots, q + ".prompt", question.prompt(), question::prompt);
                        for (ChoiceOption option : question.options()) {
                            slot(slots, q + ".o:" + option.id(), option.text(), t -> question.optionText(option.id(), t));
                        }
                    }
                }
            }
        }
        return slots;
    }

    private static void slot(Map<String, TextSlot> slots, String path, LocalizedText text, Consumer<LocalizedText> put) {
        if (!text.isEmpty()) {
            slots.put(path, new TextSlot(path, text, put));
        }
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
