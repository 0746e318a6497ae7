package org.projectspark.curriculum.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** A lesson: activities a student does in one sitting. */
@Entity
@Table(name = "lessons")
public class Lesson {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "unit_id", nullable = false, updatable = false)
    private CourseUnit unit;

    @Column(nullable = false)
    private int position;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText title;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText summary;

    @OneToMany(mappedBy = "lesson", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Activity> activities = new ArrayList<>();

    protected Lesson() {
    }

    Lesson(CourseUnit unit, int position, CourseContent.LessonContent content) {
        this.id = UUID.randomUUID();
        this.unit = unit;
        this.position = position;
        this.title = content.title();
        this.summary = content.summary();
        int p = 0;
        for (CourseContent.ActivityContent activity : content.activities()) {
            activities.add(new Activity(this, p++, activity));
        }
    }

    void title(LocalizedText title) { this.title = title; }
    void summary(LocalizedText summary) { this.summary = summary; }

    public CourseUnit unit() { return unit; }
    public UUID id() { return id; }
    public int position() { return position; }
    public LocalizedText title() { return title; }
    public LocalizedText summary() { return summary; }
    public List<Activity> activities() { return Collections.unmodifiableList(activities); }
}
