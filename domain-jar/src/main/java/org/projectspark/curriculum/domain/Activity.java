package org.projectspark.curriculum.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.projectspark.platform.error.InvalidRequestException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Something a student does in a lesson: a quiz, a reading, a video or audio, or an assignment. */
@Entity
@Table(name = "activities")
public class Activity {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "lesson_id", nullable = false, updatable = false)
    private Lesson lesson;

    @Column(nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ActivityType type;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText title;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText body;

    @Column(name = "media_url", length = 2048)
    private String mediaUrl;

    @OneToMany(mappedBy = "activity", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Question> questions = new ArrayList<>();

    protected Activity() {
    }

    Activity(Lesson lesson, int position, CourseContent.ActivityContent content) {
        boolean isQuiz = content.type() == ActivityType.QUIZ;
        if (isQuiz == content.questions().isEmpty()) {
            throw new InvalidRequestException(isQuiz ? "a QUIZ activity needs at least one question"
                    : "only QUIZ activities have questions (this one is " + content.type() + ")");
        }
        boolean isMedia = content.type() == ActivityType.VIDEO || content.type() == ActivityType.AUDIO;
        if (isMedia && (content.mediaUrl() == null || content.mediaUrl().isBlank())) {
            throw new InvalidRequestException("a " + content.type() + " activity needs a mediaUrl");
        }
        this.id = UUID.randomUUID();
        this.lesson = lesson;
        this.position = position;
        this.type = content.type();
        this.title = content.title();
        this.body = content.body();
        this.mediaUrl = content.mediaUrl();
        int p = 0;
        for (CourseContent.QuestionContent question : content.questions()) {
            questions.add(new Question(this, p++, question));
        }
    }

    /** Grades a quiz attempt; a question left unanswered counts as wrong. */
    public Grading grade(List<Answer> answers) {
        if (type != ActivityType.QUIZ) {
            throw new InvalidRequestException("only QUIZ activities are graded on the server (this one is " + type + ")");
        }
        java.util.Map<UUID, Answer> byQuestion = new java.util.HashMap<>();
        for (Answer a : answers) {
            if (questions.stream().noneMatch(q -> q.id().equals(a.questionId()))) {
                throw new InvalidRequestException("question " + a.questionId() + " is not part of this activity");
            }
            if (byQuestion.put(a.questionId(), a) != null) {
                throw new InvalidRequestException("question " + a.questionId() + " is answered twice");
            }
        }
        List<Grading.QuestionResult> results = questions.stream()
                .map(q -> new Grading.QuestionResult(q.id(), q.isCorrect(byQuestion.get(q.id())))).toList();
        int correct = (int) results.stream().filter(Grading.QuestionResult::correct).count();
        double score = Math.round(10000.0 * correct / questions.size()) / 100.0;
        return new Grading(score, correct, questions.size(), results);
    }

    void title(LocalizedText title) { this.title = title; }
    void body(LocalizedText body) { this.body = body; }

    public Lesson lesson() {
        return lesson;
    }

    /** The course this activity belongs to. */
    public Course course() {
        return lesson.unit().course();
    }

    public UUID id() { return id; }
    public int position() { return position; }
    public ActivityType type() { return type; }
    public LocalizedText title() { return title; }
    public LocalizedText body() { return body; }
    public Optional<String> mediaUrl() { return Optional.ofNullable(mediaUrl); }
    public List<Question> questions() { return Collections.unmodifiableList(questions); }
}
