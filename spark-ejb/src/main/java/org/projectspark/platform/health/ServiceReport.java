package org.projectspark.platform.health;

import java.util.Map;

/**
 * A part of the system a feature runs (email, SMS) that reports itself in the detailed health document under
 * {@code services.<name>}: the platform lists them without knowing the features. None makes the server unready.
 */
public interface ServiceReport {

    String name();

    Map<String, Object> report();
}
