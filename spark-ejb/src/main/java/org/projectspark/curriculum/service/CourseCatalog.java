package org.projectspark.curriculum.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.projectspark.curriculum.domain.Course;
import org.projectspark.curriculum.persistence.CourseRepository;
import org.projectspark.platform.error.NotFoundException;
import org.projectspark.platform.persistence.LagTolerantReads;

import java.util.List;
import java.util.UUID;

/**
 * What readers may see of the curriculum. Students see published courses only; a draft is answered as if
 * it did not exist, so its existence does not leak. What students read (the catalogue, a course, a class's offline
 * content) tolerates the replica's lag; what authors read is what they have just written, from the primary.
 */
@ApplicationScoped
public class CourseCatalog {

    @Inject
    CourseRepository courses;

    @Inject
    LagTolerantReads reads;

    public List<Course> published(int offset, int limit) {
        return reads.read(em -> courses.published(em, offset, limit));
    }

    public List<Course> all(int offset, int limit) {
        return courses.all(offset, limit);
    }

    /** A course for a reader: drafts only for those who may author. */
    public Course course(UUID id, boolean mayAuthor) {
        return (mayAuthor ? courses.find(id) : reads.read(em -> courses.find(em, id)))
                .filter(c -> mayAuthor || c.isPublished())
                .orElseThrow(() -> new NotFoundException("No course with id " + id));
    }
}
