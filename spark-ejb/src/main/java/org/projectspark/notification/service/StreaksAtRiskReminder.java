package org.projectspark.notification.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.UUID;

/**
 * Hourly: in each school whose day has ended, every student with a streak of two days or more whose last day of
 * learning was yesterday (in the student's own zone, where their streak days are counted) is told the streak ends
 * tonight. Once per student and day.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StreaksAtRiskReminder implements ScheduledTask {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @EJB
    Inbox inbox;

    @Inject
    ReminderSettings settings;

    record AtRisk(UUID schoolId, UUID studentId, int days, String today) {
    }

    @Override
    public MaintenanceJob job() {
        return MaintenanceJob.NOTIFY_STREAKS_AT_RISK;
    }

    @Override
    public String run(Instant at) {
        List<AtRisk> atRisk = SqlValues.rows(em.createNativeQuery("""
                SELECT CAST(s.id AS text), CAST(st.student_id AS text), st.current_days,
                       CAST(CAST(CAST(?1 AS timestamptz) AT TIME ZONE p.time_zone AS date) AS text)
                  FROM streaks st
                  JOIN profiles p ON p.user_id = st.student_id
                  JOIN schools s ON s.id = p.school_id
                 WHERE st.current_days >= 2
                   AND CAST(CAST(?1 AS timestamptz) AT TIME ZONE s.time_zone AS time) >= CAST(?2 AS time)
                   AND st.last_active_on = CAST(CAST(?1 AS timestamptz) AT TIME ZONE p.time_zone AS date) - 1
                 ORDER BY s.id""")
                .setParameter(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString())
                .setParameter(2, settings.schoolDayEnds().toString()), r -> new AtRisk(UUID.fromString((String) r[0]),
                UUID.fromString((String) r[1]), ((Number) r[2]).intValue(), (String) r[3]));
        int told = 0;
        for (List<AtRisk> school : SchoolBatches.of(atRisk, AtRisk::schoolId)) {
            told += inbox.raise(school.stream().map(a -> Notice.of(a.studentId(), NotificationKind.STREAK_AT_RISK, "streak-at-risk:" + a.today(),
                    NotificationData.of("streakDays", Integer.toString(a.days()), "day", a.today()), a.days())).toList()).size();
        }
        return atRisk.size() + " streaks at risk, " + told + " students told";
    }
}
