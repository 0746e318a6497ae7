package org.projectspark.assignment.service;

import java.util.UUID;

/** A teacher graded a hand-in, or changed its grade ({@code revision} counts from 1), in the transaction that did. */
public record GradeGiven(UUID studentId, UUID handInId, UUID activityId, int score, int revision, UUID gradedBy) {
}
