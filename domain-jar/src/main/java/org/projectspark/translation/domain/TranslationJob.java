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

import org.projectspark.platform.persistence.OptionalUuid;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A teacher's request to machine-translate a course, or one lesson of it, into a locale. Its texts are sent to the
 * provider outside the request; the job counts what happened to them so the teacher can poll it.
 */
@Entity
@Table(name = "translation_jobs")
@NamedQuery(name = TranslationJob.ACTIVE_OF_COURSE, query = "SELECT j FROM TranslationJob j WHERE j.courseId = :course AND j.locale = :locale AND j.status IN (org.projectspark.translation.domain.JobStatus.QUEUED, org.projectspark.translation.domain.JobStatus.RUNNING)")
@NamedQuery(name = TranslationJob.ACTIVE_ON_INSTANCE, query = "SELECT j FROM TranslationJob j WHERE j.instance = :instance AND j.status IN (org.projectspark.translation.domain.JobStatus.QUEUED, org.projectspark.translation.domain.JobStatus.RUNNING)")
public class TranslationJob {

    public static final String ACTIVE_OF_COURSE = "TranslationJob.activeOfCourse";
    public static final String ACTIVE_ON_INSTANCE = "TranslationJob.activeOnInstance";

    private static final int MAX_REASON = 500;
    /** Far longer than a whole course takes (hundreds of texts, a few seconds each at worst). */
    private static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofHours(2);

    @Id
    private UUID id;

    @Column(name = "course_id", nullable = false, updatable = false)
    private UUID courseId;

    @Convert(converter = OptionalUuid.class) // may be null: EclipseLink's own UUID converter throws on null
    @Column(name = "lesson_id", updatable = false)
    private UUID lessonId;

    @Column(nullable = false, length = 35, updatable = false)
    private String locale;

    @Column(name = "source_locale", nullable = false, length = 35, updatable = false)
    private String sourceLocale;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private UUID requestedBy;

    /** The instance that runs it: a job of an instance that stopped is closed when that instance starts again. */
    @Column(nullable = false, length = 255, updatable = false)
    private String instance;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private JobStatus status;

    /** Texts of the course (or lesson) that have a source-locale text. */
    @Column(name = "texts_total", nullable = false)
    private int textsTotal;

    /** Texts that already held a translation of their source, or took one over from a same text: not sent. */
    @Column(name = "texts_reused", nullable = false)
    private int textsReused;

    /** Texts waiting for the provider when the job was made. */
    @Column(name = "texts_queued", nullable = false)
    private int textsQueued;

    @Column(name = "texts_translated", nullable = false)
    private int textsTranslated;

    @Column(name = "texts_failed", nullable = false)
    private int textsFailed;

    /** Calls made to the provider, each for one distinct source text (retries not counted). */
    @Column(name = "provider_calls", nullable = false)
    private int providerCalls;

    @Column(length = MAX_REASON)
    private String reason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Version
    private long version;

    protected TranslationJob() {
    }

    public static TranslationJob queued(UUID courseId, Optional<UUID> lessonId, String locale, String sourceLocale, UUID requestedBy, String instance) {
        TranslationJob j = new TranslationJob();
        j.id = UUID.randomUUID();
        j.courseId = courseId;
        j.lessonId = lessonId.orElse(null);
        j.locale = locale;
        j.sourceLocale = sourceLocale;
        j.requestedBy = requestedBy;
        j.instance = instance;
        j.status = JobStatus.QUEUED;
        j.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return j;
    }

    /** What the request found: nothing to send means the job is done at once. */
    public void counted(int total, int reused, int queued) {
        textsTotal = total;
        textsReused = reused;
        textsQueued = queued;
        if (queued == 0) {
            finish();
        }
    }

    public void start() {
        if (status == JobStatus.QUEUED) {
            status = JobStatus.RUNNING;
        }
    }

    /** One provider call's outcome for {@code texts} texts of the same source. */
    public void called(int texts, boolean translated) {
        providerCalls++;
        if (translated) {
            textsTranslated += texts;
        } else {
            textsFailed += texts;
        }
    }

    public void finish() {
        if (status.active()) {
            status = textsFailed > 0 && textsTranslated == 0 ? JobStatus.FAILED : JobStatus.DONE;
            if (status == JobStatus.FAILED && reason == null) {
                reason = "the provider translated none of the texts; see each text's reason";
            }
            finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    /** Stopped before every text was sent (the provider refused the key, or the instance stopped). */
    public void fail(String why, int textsLeft) {
        if (status.active()) {
            textsFailed += textsLeft;
            status = JobStatus.FAILED;
            reason = why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why;
            finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    /**
     * Still active long after any job finishes: its instance stopped and has not started again to close it. It
     * must not keep its course and locale from being translated for ever.
     */
    public boolean abandoned(OffsetDateTime now) {
        return status.active() && createdAt.plus(ABANDONED_AFTER).isBefore(now);
    }

    public UUID id() { return id; }
    public UUID courseId() { return courseId; }
    public Optional<UUID> lessonId() { return Optional.ofNullable(lessonId); }
    public String locale() { return locale; }
    public String sourceLocale() { return sourceLocale; }
    public UUID requestedBy() { return requestedBy; }
    public JobStatus status() { return status; }
    public int textsTotal() { return textsTotal; }
    public int textsReused() { return textsReused; }
    public int textsQueued() { return textsQueued; }
    public int textsTranslated() { return textsTranslated; }
    public int textsFailed() { return textsFailed; }
    public int providerCalls() { return providerCalls; }
    public Optional<String> reason() { return Optional.ofNullable(reason); }
    public OffsetDateTime createdAt() { return createdAt; }
    public Optional<OffsetDateTime> finishedAt() { return Optional.ofNullable(finishedAt); }
}
