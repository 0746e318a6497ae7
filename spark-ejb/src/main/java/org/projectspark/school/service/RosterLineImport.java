package org.projectspark.school.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.projectspark.account.domain.Role;
import org.projectspark.account.domain.User;
import org.projectspark.account.persistence.UserRepository;
import org.projectspark.account.service.ProfileChanged;
import org.projectspark.account.service.AccountService;
import org.projectspark.account.service.Registration;
import org.projectspark.platform.error.ConflictException;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/** One roster line, in a transaction of its own. */
@Stateless
public class RosterLineImport {

    /** Easy to read aloud and to copy from paper: no 0/O, 1/l/I. */
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    UserRepository users;

    @EJB
    AccountService accounts;

    @EJB
    Enrolment enrolment;

    @Inject
    Event<ProfileChanged> profileChanged;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public RosterOutcome importLine(UUID classId, UUID schoolId, RosterRow row, UUID importedBy) {
        Optional<User> existing = users.findByUsername(row.username());
        if (existing.isPresent()) {
            User user = existing.get();
            if (!user.hasRole(Role.STUDENT) || user.profile().schoolId().filter(schoolId::equals).isEmpty()) {
                throw new ConflictException("username " + row.username() + " is taken by another account; choose another username");
            }
            boolean enrolled = enrolment.join(user.id(), classId);
            return new RosterOutcome(row.line(), row.username(), enrolled ? RosterOutcome.Result.ENROLLED : RosterOutcome.Result.ALREADY_ENROLLED,
                    null, user.id(), null);
        }
        String generated = row.password() == null ? newPassword() : null;
        User student = accounts.register(new Registration(row.username(), generated != null ? generated : row.password(),
                row.displayName(), null, row.locale()));
        student.profile().joinSchool(schoolId);
        enrolment.join(student.id(), classId);
        profileChanged.fire(new ProfileChanged(student.id()));
        return new RosterOutcome(row.line(), row.username(), RosterOutcome.Result.CREATED, null, student.id(), generated);
    }

    private static String newPassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
