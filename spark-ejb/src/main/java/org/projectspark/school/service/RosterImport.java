package org.projectspark.school.service;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.projectspark.platform.error.SparkException;
import org.projectspark.school.domain.SchoolClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports a class roster line by line: each line in its own transaction, so one bad line costs only itself
 * and the teacher gets a report of every line (created, enrolled, or failed and why).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RosterImport {

    private static final Logger LOG = Logger.getLogger(RosterImport.class.getName());

    @EJB
    AccessChecks checks;

    @EJB
    RosterLineImport lines;

    public List<RosterOutcome> importInto(UUID callerId, UUID classId, List<RosterRow> rows) {
        SchoolClass c = checks.classTaughtBy(callerId, classId, "Only the class's teachers and the school's admins import its roster");
        Map<String, Integer> seen = new HashMap<>();
        List<RosterOutcome> outcomes = new ArrayList<>(rows.size());
        for (RosterRow row : rows) {
            if (row.problem().isPresent()) {
                outcomes.add(RosterOutcome.failed(row, row.problem().get()));
                continue;
            }
            Integer first = seen.putIfAbsent(row.username().toLowerCase(Locale.ROOT), row.line());
            if (first != null) {
                outcomes.add(RosterOutcome.failed(row, "username " + row.username() + " is already on line " + first + " of this file"));
                continue;
            }
            outcomes.add(importLine(c, row, callerId));
        }
        return outcomes;
    }

    private RosterOutcome importLine(SchoolClass c, RosterRow row, UUID callerId) {
        try {
            return lines.importLine(c.id(), c.schoolId(), row, callerId);
        } catch (SparkException e) {
            return RosterOutcome.failed(row, e.getMessage());
        } catch (EJBException e) {
            LOG.log(Level.WARNING, "roster line " + row.line() + " of class " + c.id() + " could not be saved", e);
            return RosterOutcome.failed(row, "could not be saved (the server logged why); try this line again");
        }
    }
}
