package org.projectspark.media.domain;

/**
 * What a file is for, which decides who reads it and how large it may be. Lesson media (pictures, audio, video of a
 * published lesson) is public and cached everywhere; an assignment answer is private to its owner and the adults who
 * see the owner's work.
 */
public enum FilePurpose {
    /** A student's answer (a photographed page, a document): private, MAX_FILE_SIZE, the document and image types. */
    ASSIGNMENT,
    /** Media a teacher adds to a lesson: public, its own larger size, audio and video too. */
    LESSON_MEDIA;

    public boolean isPublic() {
        return this == LESSON_MEDIA;
    }
}
