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

/** A unit of a course: lessons in order. */
@Entity
@Table(name = "course_units")
public class CourseUnit {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "course_id", nullable = false, updatable = false)
    private Course course;

    @Column(nullable = false)
    private int position;

    @Convert(converter = LocalizedTextConverter.class)
    @Column(nullable = false)
    private LocalizedText title;

    @OneToMany(mappedBy = "unit", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Lesson> lessons = new ArrayList<>();

    protected CourseUnit() {
    }

    CourseUnit(Course course, int position, CourseContent.UnitContent content) {
        this.id = UUID.randomUUID();
        this.course = course;
        this.position = position;
        this.title = content.title();
        int p = 0;
        for (CourseContent.LessonContent lesson : content.lessons()) {
            lessons.add(new Lesson(this, p++, lesson));
        }
    }

    void title(LocalizedText title) { this.title = title; }

    public Course course() { return course; }
    public UUID id() { return id; }
    public int position() { return position; }
    public LocalizedText title() { return title; }
    public List<Lesson> lessons() { return Collections.unmodifiableList(lessons); }
}
