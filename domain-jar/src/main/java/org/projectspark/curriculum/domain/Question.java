package org.projectspark.curriculum.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.projectspark.platform.error.InvalidRequestException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A quiz question with its answer key. The key must fit the type (a single-choice question has exactly one
 * correct option among its own options, a numeric one a number, ...), checked when the question is made.
 */
@Entity
@Table(name = "questions")
public class Question {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "activity_id", nullable = false, updatable = false)
    private Activity activity;

    @Column(nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private QuestionType type;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText prompt;

    @Convert(converter = ChoiceOptionsConverter.class)
    @Column(nullable = false)
    private List<ChoiceOption> options;

    @Convert(converter = AnswerKeyConverter.class)
    @Column(name = "answer_key", nullable = false)
    private AnswerKey answerKey;

    protected Question() {
    }

    Question(Activity activity, int position, CourseContent.QuestionContent content) {
        checkKeyFits(content);
        this.id = UUID.randomUUID();
        this.activity = activity;
        this.position = position;
        this.type = content.type();
        this.prompt = content.prompt();
        this.options = List.copyOf(content.options());
        this.answerKey = content.answerKey();
    }

    private static void checkKeyFits(CourseContent.QuestionContent q) {
        AnswerKey key = q.answerKey();
        Set<String> optionIds = q.options().stream().map(ChoiceOption::id).collect(Collectors.toSet());
        if (optionIds.size() != q.options().size()) {
            throw new InvalidRequestException("option ids must be unique within a question");
        }
        boolean choice = q.type() == QuestionType.SINGLE_CHOICE || q.type() == QuestionType.MULTIPLE_CHOICE;
        if (choice != !q.options().isEmpty()) {
            throw new InvalidRequestException(choice ? q.type() + " questions need options" : q.type() + " questions have no options");
        }
        switch (q.type()) {
            case SINGLE_CHOICE -> require(key.correctOptions().size() == 1 && optionIds.containsAll(key.correctOptions()),
                    "a SINGLE_CHOICE answer key names exactly one of the question's option ids");
            case MULTIPLE_CHOICE -> require(!key.correctOptions().isEmpty() && new HashSet<>(optionIds).containsAll(key.correctOptions()),
                    "a MULTIPLE_CHOICE answer key names one or more of the question's option ids");
            case TRUE_FALSE -> require(key.correctBoolean() != null, "a TRUE_FALSE answer key needs correctBoolean");
            case NUMERIC -> require(key.number() != null && (key.tolerance() == null || key.tolerance() >= 0),
                    "a NUMERIC answer key needs number (and a tolerance of 0 or more)");
            case SHORT_TEXT -> require(key.accepted().stream().anyMatch(a -> a != null && !a.isBlank()),
                    "a SHORT_TEXT answer key needs at least one accepted answer");
        }
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new InvalidRequestException(detail);
        }
    }

    /** Grades one answer against the key. Short texts match without regard to case, accents or extra spaces. */
    public boolean isCorrect(Answer answer) {
        if (answer == null) {
            return false;
        }
        return switch (type) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> answer.options().equals(answerKey.correctOptions());
            case TRUE_FALSE -> answerKey.correctBoolean().equals(answer.bool());
            case NUMERIC -> answer.number() != null
                    && Math.abs(answer.number() - answerKey.number()) <= (answerKey.tolerance() == null ? 0 : answerKey.tolerance()) + 1e-9;
            case SHORT_TEXT -> answer.text() != null && answerKey.accepted().stream()
                    .anyMatch(accepted -> normalized(accepted).equals(normalized(answer.text())));
        };
    }

    static String normalized(String text) {
        String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    void prompt(LocalizedText prompt) { this.prompt = prompt; }

    /** Replaces the text of option {@code optionId}; the list is replaced whole so the change is seen and stored. */
    void optionText(String optionId, LocalizedText text) {
        options = options.stream().map(o -> o.id().equals(optionId) ? new ChoiceOption(o.id(), text) : o).toList();
    }

    public UUID id() { return id; }
    public int position() { return position; }
    public QuestionType type() { return type; }
    public LocalizedText prompt() { return prompt; }
    public List<ChoiceOption> options() { return options; }
    /** For grading on the server and for authors; never for a student before a submission. */
    public AnswerKey answerKey() { return answerKey; }
}
