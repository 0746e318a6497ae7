package org.projectspark.gamification.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.persistence.SqlValues;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * After an admin changes the XP rules: recomputes every student's XP from their stored submissions and
 * completions. A dry run lists who would gain or lose what; a real run appends one adjustment line per
 * changed student to the ledger (it stays append-only, and a profile's XP stays its ledger sum).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class XpRecompute {

    private static final Logger LOG = Logger.getLogger(XpRecompute.class.getName());
    private static final int BATCH = 500;
    /** Up to ?2 students after id ?1, in id order: whoever holds XP or has the student role. */
    private static final String STUDENTS = "SELECT p.user_id, p.time_zone, p.xp_points, p.level, u.username, p.display_name"
            + " FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id > ?1"
            + " AND (p.xp_points > 0 OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = p.user_id AND r.role = 'STUDENT'))"
            + " ORDER BY p.user_id LIMIT ?2";

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    XpHistory history;

    @EJB
    XpAdjuster adjuster;

    @Inject
    GamificationSettings gamification;

    @Inject
    Event<XpRecomputed> recomputed;

    /** What a recompute found (and, unless a dry run, did). */
    public record Report(UUID runId, boolean dryRun, long studentsChecked, List<XpCorrection> corrections) {
    }

    public Report run(boolean dryRun) {
        UUID runId = UUID.randomUUID();
        List<XpCorrection> corrections = new ArrayList<>();
        long checked = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            List<Student> students = SqlValues.rows(em.createNativeQuery(STUDENTS).setParameter(1, after).setParameter(2, BATCH), Student::of);
            if (students.isEmpty()) {
                break;
            }
            Map<UUID, ZoneId> zones = new LinkedHashMap<>();
            Map<UUID, Student> byId = new HashMap<>();
            for (Student s : students) {
                zones.put(s.id(), s.zone());
                byId.put(s.id(), s);
            }
            history.replay(em, zones).forEach((id, target) -> {
                Student s = byId.get(id);
                if (target != s.xp()) {
                    corrections.add(new XpCorrection(id, s.username(), s.displayName(), s.xp(), target, s.level(),
                            gamification.curve().levelFor(target)));
                }
            });
            checked += students.size();
            after = students.get(students.size() - 1).id();
        }
        if (!dryRun) {
            List<XpCorrection> applied = new ArrayList<>();
            for (XpCorrection c : corrections) {
                // recomputed under the student's lock: learning that arrived since the scan counts too
                adjuster.adjust(c.studentId(), runId).ifPresent(a -> applied.add(new XpCorrection(c.studentId(), c.username(),
                        c.displayName(), a.before(), a.after(), gamification.curve().levelFor(a.before()), gamification.curve().levelFor(a.after()))));
            }
            corrections.clear();
            corrections.addAll(applied);
            recomputed.fire(new XpRecomputed(runId));
            LOG.info(() -> "XP recompute " + runId + ": " + applied.size() + " students corrected");
        }
        corrections.sort((a, b) -> Long.compare(Math.abs(b.delta()), Math.abs(a.delta())));
        return new Report(runId, dryRun, checked, corrections);
    }

    /** A student as the scan finds them: their XP and level as stored, and the zone their days are counted in. */
    private record Student(UUID id, ZoneId zone, long xp, int level, String username, String displayName) {

        static Student of(Object[] row) {
            return new Student((UUID) row[0], ZoneId.of((String) row[1]), ((Number) row[2]).longValue(), ((Number) row[3]).intValue(),
                    (String) row[4], (String) row[5]);
        }
    }
}
