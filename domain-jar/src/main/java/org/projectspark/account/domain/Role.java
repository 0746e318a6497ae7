package org.projectspark.account.domain;

/** What a user may do. Names are the security roles the server checks with {@code @RolesAllowed}. */
public enum Role {
    STUDENT, TEACHER, SCHOOL_ADMIN, GUARDIAN, ADMIN
}
