package org.projectspark.curriculum.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.curriculum.domain.Course;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Courses with their units, lessons, activities and questions (one aggregate). */
@ApplicationScoped
public class CourseRepository {

    private static final int MAX_PAGE = 100;

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    public Optional<Course> find(UUID id) {
        return find(em, id);
    }

    /** The course as {@code from} (the primary's or the replica's unit) has it. */
    public Optional<Course> find(EntityManager from, UUID id) {
        return Optional.ofNullable(from.find(Course.class, id));
    }

    public void add(Course course) {
        em.persist(course);
    }

    /** Published courses, a page at a time, as {@code from} (the primary's or the replica's unit) has them. */
    public List<Course> published(EntityManager from, int offset, int limit) {
        return from.createNamedQuery(Course.PUBLISHED, Course.class)
                .setFirstResult(offset).setMaxResults(Math.min(limit, MAX_PAGE)).getResultList();
    }

    /** Every course, drafts too (authors), a page at a time. */
    public List<Course> all(int offset, int limit) {
        return em.createNamedQuery(Course.ALL, Course.class)
                .setFirstResult(offset).setMaxResults(Math.min(limit, MAX_PAGE)).getResultList();
    }
}
