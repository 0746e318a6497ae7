package org.projectspark.school.service;

import java.util.Optional;

/**
 * One line of a class roster: a student to create (or, when their account is already in the school, to
 * enrol). {@code problem} is set when the line was refused before import (bad format, bad value).
 */
public record RosterRow(int line, String username, String displayName, String password, String locale, Optional<String> problem) {

    public static RosterRow refused(int line, String username, String problem) {
        return new RosterRow(line, username, null, null, null, Optional.of(problem));
    }
}
