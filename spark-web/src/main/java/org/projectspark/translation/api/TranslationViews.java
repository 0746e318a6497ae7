package org.projectspark.translation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.projectspark.translation.domain.TranslatedText;
import org.projectspark.translation.domain.TranslationJob;
import org.projectspark.translation.service.TranslationReview;

import java.util.List;

/** Translation jobs and texts as the reviewing teacher's app sees them. */
public final class TranslationViews {

    private TranslationViews() {
    }

    public record Counts(int total, int reused, int queued, int translated, int failed) {
    }

    @Schema(name = "TranslationJob")
    public record Job(String id, String courseId, String lessonId, String locale, String sourceLocale, String status,
                      Counts texts, int providerCalls, String reason, String createdAt, String finishedAt) {
    }

    @Schema(name = "TranslationText")
    public record Text(String id, String path, String sourceLocale, String sourceText, String draftText, String status,
                       String reason, boolean edited, String updatedAt) {
    }

    @Schema(name = "TranslationTextPage")
    public record Page(List<Text> items, int offset, int limit) {
    }

    @Schema(name = "PublishedTranslations")
    public record Published(int texts, int contentVersion) {
    }

    static Job job(TranslationJob j) {
        return new Job(j.id().toString(), j.courseId().toString(), j.lessonId().map(Object::toString).orElse(null), j.locale(),
                j.sourceLocale(), j.status().name(),
                new Counts(j.textsTotal(), j.textsReused(), j.textsQueued(), j.textsTranslated(), j.textsFailed()),
                j.providerCalls(), j.reason().orElse(null), j.createdAt().toInstant().toString(),
                j.finishedAt().map(t -> t.toInstant().toString()).orElse(null));
    }

    static Text text(TranslatedText t) {
        return new Text(t.id().toString(), t.path(), t.sourceLocale(), t.sourceText(), t.draftText().orElse(null), t.status().name(),
                t.reason().orElse(null), t.edited(), t.updatedAt().toInstant().toString());
    }

    static Published published(TranslationReview.Published p) {
        return new Published(p.texts(), p.contentVersion());
    }
}
