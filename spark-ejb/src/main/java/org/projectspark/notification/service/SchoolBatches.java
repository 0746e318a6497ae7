package org.projectspark.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Rows ordered by school, cut into one batch per school: each school's reminders commit on their own. */
final class SchoolBatches {

    private SchoolBatches() {
    }

    static <T, K> List<List<T>> of(List<T> rows, Function<T, K> school) {
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        K key = null;
        for (T row : rows) {
            K k = school.apply(row);
            if (!current.isEmpty() && !Objects.equals(k, key)) {
                batches.add(current);
                current = new ArrayList<>();
            }
            current.add(row);
            key = k;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
