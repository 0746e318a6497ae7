package org.projectspark.translation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.projectspark.platform.error.ConflictException;
import org.projectspark.platform.persistence.OptionalUuid;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The translation of one course text into one locale, at the text's address in the course ({@code path}). It
 * records the hash of the source text it translates: a text whose source is unchanged is never sent to the provider
 * again, and one whose source changed is STALE until it is translated or edited anew. Students never read this: only
 * {@link org.projectspark.curriculum.domain.Course#putTranslations} puts a reviewed draft into the course.
 */
@Entity
@Table(name = "translated_texts")
@NamedQuery(name = TranslatedText.OF_COURSE, query = "SELECT t FROM TranslatedText t WHERE t.courseId = :course ORDER BY t.locale, t.path")
@NamedQuery(name = TranslatedText.OF_LOCALE, query = "SELECT t FROM TranslatedText t WHERE t.courseId = :course AND t.locale = :locale ORDER BY t.path")
@NamedQuery(name = TranslatedText.OF_LOCALE_WITH_STATUS, query = "SELECT t FROM TranslatedText t WHERE t.courseId = :course AND t.locale = :locale AND t.status = :status ORDER BY t.path")
@NamedQuery(name = TranslatedText.PENDING_OF_JOB, query = "SELECT t FROM TranslatedText t WHERE t.jobId = :job AND t.status = org.projectspark.translation.domain.TextStatus.PENDING ORDER BY t.path")
@NamedQuery(name = TranslatedText.PENDING_OF_JOB_WITH_HASH, query = "SELECT t FROM TranslatedText t WHERE t.jobId = :job AND t.sourceHash = :hash AND t.status = org.projectspark.translation.domain.TextStatus.PENDING")
public class TranslatedText {

    public static final String OF_COURSE = "TranslatedText.ofCourse";
    public static final String OF_LOCALE = "TranslatedText.ofLocale";
    public static final String OF_LOCALE_WITH_STATUS = "TranslatedText.ofLocaleWithStatus";
    public static final String PENDING_OF_JOB = "TranslatedText.pendingOfJob";
    public static final String PENDING_OF_JOB_WITH_HASH = "TranslatedText.pendingOfJobWithHash";

    private static final int MAX_REASON = 500;

    @Id
    private UUID id;

    @Column(name = "course_id", nullable = false, updatable = false)
    private UUID courseId;

    @Column(nullable = false, length = 35, updatable = false)
    private String locale;

    @Column(nullable = false, length = 200, updatable = false)
    private String path;

    @Column(name = "source_locale", nullable = false, length = 35)
    private String sourceLocale;

    @Column(name = "source_text", nullable = false)
    private String sourceText;

    @Column(name = "source_hash", nullable = false, length = 64)
    private String sourceHash;

    @Column(name = "draft_text")
    private String draftText;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TextStatus status;

    @Column(length = MAX_REASON)
    private String reason;

    /** True when a teacher wrote the draft (edited the machine's, or translated a failed text by hand). */
    @Column(nullable = false)
    private boolean edited;

    @Convert(converter = OptionalUuid.class) // may be null: EclipseLink's own UUID converter throws on null
    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected TranslatedText() {
    }

    /** A text of the course to send to the provider in {@code job}. */
    public static TranslatedText pending(UUID courseId, String locale, String path, String sourceLocale, String sourceText, UUID job) {
        TranslatedText t = new TranslatedText();
        t.id = UUID.randomUUID();
        t.courseId = courseId;
        t.locale = locale;
        t.path = path;
        t.queue(sourceLocale, sourceText, job);
        return t;
    }

    /**
     * Whether this already holds a translation of {@code sourceText}: then it is not sent again. A pending one is
     * another job's, a failed or stale one translates nothing usable.
     */
    public boolean translates(String sourceText) {
        return (status == TextStatus.DRAFT || status == TextStatus.PUBLISHED) && sourceHash.equals(SourceHash.of(sourceText));
    }

    /** To be translated again, from the source as it is now. */
    public void queue(String sourceLocale, String sourceText, UUID job) {
        this.sourceLocale = sourceLocale;
        this.sourceText = sourceText;
        this.sourceHash = SourceHash.of(sourceText);
        this.jobId = job;
        this.draftText = null;
        this.status = TextStatus.PENDING;
        this.reason = null;
        this.edited = false;
        touch();
    }

    /** A translation held of a source text: what another text with the same source can take over. */
    public record Draft(String sourceHash, String text, boolean edited) {
    }

    /** The translation this holds of its source text, if it holds one (draft or published). */
    public Optional<Draft> draft() {
        return (status == TextStatus.DRAFT || status == TextStatus.PUBLISHED) && draftText != null
                ? Optional.of(new Draft(sourceHash, draftText, edited)) : Optional.empty();
    }

    /**
     * Takes over the translation of the same source text elsewhere in the course (a repeated title, a unit moved to
     * another position): the provider is not asked for the same text twice.
     */
    public void reuse(Draft other) {
        if (!other.sourceHash().equals(sourceHash)) {
            throw new IllegalArgumentException("only a translation of the same source text can be reused");
        }
        draftText = other.text();
        edited = other.edited();
        status = TextStatus.DRAFT;
        reason = null;
        touch();
    }

    /** The provider's translation, if this is still waiting for it. */
    public void translated(String text) {
        if (status == TextStatus.PENDING) {
            draftText = text.strip(); // as the course will hold it (LocalizedText strips)
            status = TextStatus.DRAFT;
            reason = null;
            touch();
        }
    }

    /** The provider did not translate it, if this is still waiting for it. */
    public void failed(String why) {
        if (status == TextStatus.PENDING) {
            status = TextStatus.FAILED;
            reason = why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why;
            touch();
        }
    }

    /**
     * A teacher's own wording, translating the source as it is now ({@code currentSource}): a stale or failed text
     * becomes a draft of the current source. A text still waiting for the provider is not edited under it.
     */
    public void edit(String text, String currentSource) {
        if (status == TextStatus.PENDING) {
            throw new ConflictException("This text is still being translated; edit it once the job is done");
        }
        sourceText = currentSource;
        sourceHash = SourceHash.of(currentSource);
        draftText = text.strip();
        status = TextStatus.DRAFT;
        reason = null;
        edited = true;
        touch();
    }

    /**
     * The course changed: {@code currentSource} is the source text at this path now (empty when the path or its
     * source-locale text went), {@code inCourse} the course's text in this locale there. A changed source makes the
     * translation STALE; a published one the author's new content dropped is a draft again, to publish anew.
     */
    public void sourceNow(Optional<String> currentSource, Optional<String> inCourse) {
        if (status == TextStatus.FAILED || status == TextStatus.STALE) {
            return;
        }
        if (currentSource.isEmpty() || !SourceHash.of(currentSource.get()).equals(sourceHash)) {
            status = TextStatus.STALE;
            reason = currentSource.isEmpty() ? "the source text was removed" : "the source text changed after it was translated";
            touch();
        } else if (status == TextStatus.PUBLISHED && !inCourse.equals(Optional.ofNullable(draftText))) {
            status = TextStatus.DRAFT;
            touch();
        }
    }

    public boolean publishable() {
        return status == TextStatus.DRAFT;
    }

    public void published() {
        status = TextStatus.PUBLISHED;
        touch();
    }

    /** A job this instance was running stopped with the instance. */
    public void interrupted() {
        failed("the translation job was interrupted (the server stopped); ask again to translate what is left");
    }

    private void touch() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() { return id; }
    public UUID courseId() { return courseId; }
    public String locale() { return locale; }
    public String path() { return path; }
    public String sourceLocale() { return sourceLocale; }
    public String sourceText() { return sourceText; }
    public String sourceHash() { return sourceHash; }
    public Optional<String> draftText() { return Optional.ofNullable(draftText); }
    public TextStatus status() { return status; }
    public Optional<String> reason() { return Optional.ofNullable(reason); }
    public boolean edited() { return edited; }
    public Optional<UUID> jobId() { return Optional.ofNullable(jobId); }
    public OffsetDateTime updatedAt() { return updatedAt; }
}
