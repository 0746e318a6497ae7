package org.projectspark.gamification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.gamification.domain.StudentBadge;

import java.util.List;
import java.util.UUID;

/** Reads of the badges students hold; from the primary: a student opens their badges right after earning one. */
@ApplicationScoped
public class BadgeQueries {

    @PersistenceContext(unitName = "spark")
    EntityManager reads;

    /** The badges a student holds, in the order they were earned. */
    public List<StudentBadge> of(UUID studentId) {
        return reads.createNamedQuery(StudentBadge.OF_STUDENT, StudentBadge.class).setParameter("student", studentId).getResultList();
    }
}
