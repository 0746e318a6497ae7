package org.projectspark.analytics.api;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.projectspark.analytics.domain.Struggle;
import org.projectspark.analytics.service.ClassDashboard;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A class report as RFC 4180 CSV, one line per student, with the reasons a student needs attention. */
final class ClassReportCsv {

    static final String[] HEADER = {"student_id", "username", "display_name", "xp", "level", "activities_completed",
            "assigned_completed", "assigned_activities", "average_score", "recent_average_score", "submissions", "last_active_at",
            "needs_attention"};

    private ClassReportCsv() {
    }

    static String of(ClassDashboard d) {
        Map<UUID, String> concerns = d.struggling().stream().collect(Collectors.toMap(ClassDashboard.Struggling::id,
                s -> s.reasons().stream().map(Struggle.Finding::detail).collect(Collectors.joining("; ")), (a, b) -> a));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (ClassDashboard.StudentRow s : d.students()) {
                csv.printRecord(s.id(), s.username(), s.displayName(), s.xp(), s.level(), s.activitiesCompleted(), s.assignedCompleted(),
                        s.assignedActivities(), orEmpty(s.averageScore(), Object::toString), orEmpty(s.recentAverageScore(), Object::toString),
                        s.submissions(), orEmpty(s.lastActiveAt(), Object::toString), concerns.getOrDefault(s.id(), ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static <T> String orEmpty(T value, Function<T, String> text) {
        return value == null ? "" : text.apply(value);
    }
}
