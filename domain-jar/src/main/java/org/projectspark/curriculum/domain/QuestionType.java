package org.projectspark.curriculum.domain;

/** The kinds of quiz question the server can grade. */
public enum QuestionType { SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, NUMERIC, SHORT_TEXT }
