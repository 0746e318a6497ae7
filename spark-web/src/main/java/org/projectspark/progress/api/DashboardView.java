package org.projectspark.progress.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.projectspark.progress.service.StudentDashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The student's dashboard as their app shows it: fields in reading order, from the XP at the top to the next lesson. */
@JsonbPropertyOrder({"displayName", "locale", "xp", "level", "levelProgress", "streak", "badges", "inProgress", "nextLesson"})
public record DashboardView(String displayName, String locale, long xp, int level, LevelProgress levelProgress, Streak streak,
                            List<Badge> badges, List<Lesson> inProgress, Lesson nextLesson) {

    @JsonbPropertyOrder({"levelStartsAt", "nextLevelAt", "percent"})
    public record LevelProgress(long levelStartsAt, long nextLevelAt, int percent) {
    }

    @JsonbPropertyOrder({"current", "longest", "lastActiveOn"})
    public record Streak(int current, int longest, LocalDate lastActiveOn) {
    }

    @JsonbPropertyOrder({"badge", "courseId", "earnedAt"})
    public record Badge(String badge, UUID courseId, OffsetDateTime earnedAt) {
    }

    @JsonbPropertyOrder({"lessonId", "title", "courseId", "courseTitle", "activitiesCompleted", "activities", "lastAccessed"})
    @Schema(name = "DashboardLesson")
    public record Lesson(UUID lessonId, String title, UUID courseId, String courseTitle, int activitiesCompleted, int activities,
                         OffsetDateTime lastAccessed) {
    }

    static DashboardView of(StudentDashboard d) {
        StudentDashboard.LevelProgress p = d.levelProgress();
        StudentDashboard.StreakView s = d.streak();
        return new DashboardView(d.displayName(), d.locale(), d.xp(), d.level(),
                new LevelProgress(p.levelStartsAt(), p.nextLevelAt(), p.percent()),
                new Streak(s.current(), s.longest(), s.lastActiveOn()),
                d.badges().stream().map(b -> new Badge(b.badge(), b.courseId(), b.earnedAt())).toList(),
                d.inProgress().stream().map(DashboardView::lesson).toList(),
                d.nextLesson() == null ? null : lesson(d.nextLesson()));
    }

    private static Lesson lesson(StudentDashboard.LessonView l) {
        return new Lesson(l.lessonId(), l.title(), l.courseId(), l.courseTitle(), l.activitiesCompleted(), l.activities(), l.lastAccessed());
    }
}
