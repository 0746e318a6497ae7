package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.maintenance.service.MaintenanceJob;
import org.projectspark.maintenance.service.ScheduledTask;
import org.projectspark.notification.domain.NotificationData;
import org.projectspark.notification.domain.NotificationKind;
import org.projectspark.platform.persistence.SqlValues;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.UUID;

/**
 * Weekly: each guardian is told of each linked child who has not learned for 7 days (an account younger than that
 * counts from its creation). Once per child and ISO week, so the daily runs after the first of a week tell nobody again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InactiveChildrenReport implements ScheduledTask {

    private static final int BATCH = 500;

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    Inbox inbox;

    record Inactive(UUID guardianId, UUID childId, String childName) {
    }

    @Override
    public MaintenanceJob job() {
        return MaintenanceJob.NOTIFY_INACTIVE_CHILDREN;
    }

    @Override
    public String run(Instant at) {
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        String week = now.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        List<Inactive> inactive = SqlValues.rows(em.createNativeQuery("""
                SELECT CAST(g.guardian_id AS text), CAST(g.student_id AS text), p.display_name
                  FROM guardian_links g
                  JOIN users u ON u.id = g.student_id AND u.is_active
                  JOIN profiles p ON p.user_id = g.student_id
                  LEFT JOIN streaks st ON st.student_id = g.student_id
                 WHERE COALESCE(st.last_active_on, CAST(u.created_at AT TIME ZONE p.time_zone AS date))
                       <= CAST(CAST(?1 AS timestamptz) AT TIME ZONE p.time_zone AS date) - 7
                 ORDER BY g.guardian_id""")
                .setParameter(1, now.toString()), r -> new Inactive(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]), (String) r[2]));
        int told = 0;
        for (int from = 0; from < inactive.size(); from += BATCH) {
            told += inbox.raise(inactive.subList(from, Math.min(inactive.size(), from + BATCH)).stream()
                    .map(i -> Notice.of(i.guardianId(), NotificationKind.CHILD_INACTIVE, "child-inactive:" + i.childId() + "/" + week,
                            NotificationData.of("studentId", i.childId().toString(), "week", week), i.childName())).toList()).size();
        }
        return inactive.size() + " inactive children, " + told + " guardians told (" + week + ")";
    }
}
