package org.projectspark.curriculum.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.projectspark.curriculum.domain.ActivityType;
import org.projectspark.curriculum.domain.QuestionType;
import org.projectspark.platform.http.ApiPatterns;

import java.util.List;
import java.util.Map;

/**
 * Body of POST /courses and PUT /courses/{id}: the whole course, every text as {locale: text}.
 * Lists are in order; positions come from the order.
 */
public record CourseRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9-]+", message = "must be lower-case letters, digits and '-'") String subject,
        @NotBlank @Pattern(regexp = ApiPatterns.LOCALE, message = ApiPatterns.LOCALE_MESSAGE) String defaultLocale,
        @NotEmpty Map<String, String> title,
        Map<String, String> description,
        @NotNull @Size(max = 100) List<@NotNull @Valid Unit> units) {

    /** A unit of lessons. */
    public record Unit(@NotEmpty Map<String, String> title,
                       @NotNull @Size(max = 100) List<@NotNull @Valid Lesson> lessons) {
    }

    /** A lesson of activities. */
    public record Lesson(@NotEmpty Map<String, String> title, Map<String, String> summary,
                         @NotNull @Size(max = 100) List<@NotNull @Valid Activity> activities) {
    }

    /** An activity; only quizzes have questions, only video and audio a media URL. */
    public record Activity(@NotNull ActivityType type, @NotEmpty Map<String, String> title, Map<String, String> body,
                           @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String mediaUrl,
                           @Size(max = 200) List<@NotNull @Valid Question> questions) {
    }

    /** A quiz question and what counts as right. */
    public record Question(@NotNull QuestionType type, @NotEmpty Map<String, String> prompt,
                           @Size(max = 20) List<@NotNull @Valid Option> options,
                           @NotNull @Valid AnswerKey answerKey) {
    }

    /** A choice; its id is the same in every language. */
    public record Option(@NotBlank @Size(max = 32) String id, @NotEmpty Map<String, String> text) {
    }

    /** Only the fields of the question's type: correctOptions, correctBoolean, number (+ tolerance), or accepted. */
    public record AnswerKey(List<@NotBlank String> correctOptions, Boolean correctBoolean, Double number, Double tolerance,
                            @Size(max = 50) List<@NotBlank @Size(max = 200) String> accepted) {
    }
}
