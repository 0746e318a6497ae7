package org.projectspark.platform.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What a settings class found wrong with its values, each problem naming its setting. A settings class reads
 * every value in its {@code @PostConstruct} through one of these and then calls {@link #failIfAny()}, so that an
 * operator sees every bad setting at once instead of one per restart.
 */
public final class SettingProblems {

    private static final Logger LOG = Logger.getLogger(SettingProblems.class.getName());

    private final List<String> problems = new ArrayList<>();

    /** A duration in {@link DurationSetting}'s forms; null when it is not one (the problem is noted). */
    public Duration duration(String name, String value, long bareUnitMillis) {
        return value(name, () -> DurationSetting.parse(name, value, bareUnitMillis));
    }

    /**
     * A value built from settings; null when the building refuses them (the problem is noted). {@code names}
     * are the settings it is built from, comma-separated: a refusal that names none of them is prefixed with them.
     */
    public <T> T value(String names, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException | DateTimeException e) {
            String message = e.getMessage();
            boolean named = Arrays.stream(names.split(",")).map(String::trim).anyMatch(n -> message != null && message.contains(n));
            problems.add(named ? message : names + ": " + message);
            return null;
        }
    }

    /** Notes {@code problem} unless {@code ok}. */
    public void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    public void addAll(List<String> more) {
        problems.addAll(more);
    }

    /** Fails the bean's creation, and with it the deployment, naming every problem found. */
    public void failIfAny() {
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.severe("Refusing to start: " + p));
            throw new IllegalStateException("Project Spark refuses to start: " + String.join("; ", problems));
        }
    }
}
