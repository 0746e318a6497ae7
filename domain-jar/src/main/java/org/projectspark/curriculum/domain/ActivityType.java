package org.projectspark.curriculum.domain;

/** What a student does in an activity. Assignments are answered with a file and graded by a teacher. */
public enum ActivityType { QUIZ, READING, VIDEO, AUDIO, ASSIGNMENT }
