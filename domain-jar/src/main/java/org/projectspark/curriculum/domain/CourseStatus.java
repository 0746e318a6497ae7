package org.projectspark.curriculum.domain;

/** Students see only published courses. */
public enum CourseStatus { DRAFT, PUBLISHED }
