package org.projectspark.curriculum.service;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.domain.CourseContent;
import org.projectspark.curriculum.persistence.CourseRepository;
import org.projectspark.platform.error.AccessDeniedException;
import org.projectspark.platform.error.NotFoundException;

import java.util.UUID;

/** Teachers and admins write courses: create drafts, replace content, publish and withdraw. */
@Stateless
public class CourseAuthoring {

    @Inject
    CourseRepository courses;

    @Inject
    jakarta.enterprise.event.Event<CourseChanged> courseChanged;

    public Course create(CourseContent content, Author author) {
        Course course = Course.draft(content, author.userId());
        courses.add(course);
        return course;
    }

    public Course replace(UUID courseId, CourseContent content, Author author) {
        Course course = editable(courseId, author);
        course.replace(content);
        courseChanged.fire(new CourseChanged(courseId));
        return course;
    }

    public Course publish(UUID courseId, Author author) {
        Course course = editable(courseId, author);
        course.publish();
        courseChanged.fire(new CourseChanged(courseId));
        return course;
    }

    public Course unpublish(UUID courseId, Author author) {
        Course course = editable(courseId, author);
        course.unpublish();
        courseChanged.fire(new CourseChanged(courseId));
        return course;
    }

    /** The course, if this author may change it (its creator, or an admin). */
    public Course editable(UUID courseId, Author author) {
        Course course = courses.find(courseId).orElseThrow(() -> new NotFoundException("No course with id " + courseId));
        if (!author.admin() && !course.createdBy().equals(author.userId())) {
            throw new AccessDeniedException("Only the course's author or an admin may change it");
        }
        return course;
    }
}
