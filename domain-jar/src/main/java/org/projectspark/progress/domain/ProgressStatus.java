package org.projectspark.progress.domain;

/** Where a student is with an activity. Only moves forward. */
public enum ProgressStatus { NOT_STARTED, IN_PROGRESS, COMPLETED }
