package org.projectspark.assignment.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.account.domain.Profile;
import org.projectspark.assignment.domain.Grade;
import org.projectspark.gamification.service.StandingChanged;
import org.projectspark.progress.service.LearningRecorder;
import org.projectspark.progress.service.ProgressRecorded;
import org.projectspark.progress.service.ProgressResult;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A teacher grades a hand-in, or changes its grade. The student's profile row is locked before their grades are read,
 * so gradings of one student (two teachers at once, a retry, the student's own learning) apply one at a time on every
 * instance, each seeing the last; the XP the grades are worth then moves by the difference once
 * ({@link LearningRecorder#recordGrade}).
 */
@Stateless
public class Grading {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    Graders graders;

    @Inject
    LearningRecorder recorder;

    @Inject
    Event<GradeGiven> gradeGiven;

    @Inject
    Event<StandingChanged> standingChanged;

    @Inject
    Event<ProgressRecorded> progressRecorded;

    /** The grade as it stands, and how this grading moved the student's XP (0 when it changed nothing). */
    public record Graded(Grade grade, boolean changed, int xpChange, long xpTotal, int level, String progressStatus) {
    }

    public Graded grade(UUID teacherId, UUID handInId, int score, Optional<String> feedback) {
        Graders.Gradable gradable = graders.handIn(teacherId, handInId);
        UUID studentId = gradable.handIn().studentId();
        Profile profile = recorder.lockLearner(studentId);
        // read under the lock: a grade another teacher just gave is seen, never overwritten unseen
        List<Grade> grades = new ArrayList<>(em.createNamedQuery(Grade.OF_STUDENT_AND_ACTIVITY, Grade.class)
                .setParameter("student", studentId).setParameter("activity", gradable.assignment().id()).getResultList());
        OptionalInt bestBefore = Grade.best(grades);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<Grade> earlier = grades.stream().filter(g -> g.handInId().equals(handInId)).findFirst();
        Grade grade;
        if (earlier.isPresent()) {
            grade = earlier.get();
            if (!grade.regrade(score, feedback.orElse(null), teacherId, now)) {
                return new Graded(grade, false, 0, profile.xpPoints(), profile.level(), null);
            }
        } else {
            grade = Grade.of(gradable.handIn(), score, feedback.orElse(null), teacherId, now);
            em.persist(grade);
            grades.add(grade);
        }
        ProgressResult result = recorder.recordGrade(profile, gradable.assignment(), bestBefore, Grade.best(grades).getAsInt(), grades.size(),
                now, grade.ledgerSource());
        gradeGiven.fire(new GradeGiven(studentId, handInId, gradable.assignment().id(), score, grade.revision(), teacherId));
        if (result.xpEarned() != 0 || !result.badgesEarned().isEmpty()) {
            standingChanged.fire(new StandingChanged(studentId, result.xpEarned() < 0));
        } else {
            progressRecorded.fire(new ProgressRecorded(studentId));
        }
        return new Graded(grade, true, result.xpEarned(), result.xpTotal(), result.level(), result.status());
    }
}
