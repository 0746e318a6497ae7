package org.projectspark.curriculum.domain;

/** What a student does in an activity. Assignments are answered with a file and graded by a teacher. */
public enum ActivityType {
    QUIZ, READING, VIDEO, AUDIO, ASSIGNMENT;

    /** Done by reading, watching or listening to the end: the student's own progress completes it. */
    public boolean completesWhenDone() {
        return this == READING || this == VIDEO || this == AUDIO;
    }
}
