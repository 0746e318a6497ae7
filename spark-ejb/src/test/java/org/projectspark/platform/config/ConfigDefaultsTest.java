package org.projectspark.platform.config;

import jakarta.annotation.PostConstruct;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults in META-INF/microprofile-config.properties are the ones .env.example documents, every setting the
 * code reads has one there unless it is optional, and the defaults pass each settings class's own checks.
 */
class ConfigDefaultsTest {

    private static final String DEFAULTS = "META-INF/microprofile-config.properties";

    /**
     * Set in .env.example as an example to copy, not a default: without ADMIN_PASSWORD no admin is made, so the
     * code reads it as optional.
     */
    private static final Set<String> EXAMPLE_NOT_DEFAULT = Set.of("ADMIN_PASSWORD");

    private static Map<String, String> defaults;
    /** .env.example's settings: set ones with their value, commented-out ones ({@code # DEMO_DATA=true}) as null. */
    private static Map<String, String> documented;
    /** Every {@code @ConfigProperty} field of spark-ejb, by setting name. */
    private static Map<String, Field> read;

    @BeforeAll
    static void load() throws Exception {
        defaults = new TreeMap<>();
        Properties p = new Properties();
        try (InputStream in = ConfigDefaultsTest.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            assertThat(in).as(DEFAULTS + " on the class path").isNotNull();
            p.load(in);
        }
        // mp.* are MicroProfile's own settings, read by the server (OpenAPI), not the application's
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("mp.")).forEach(k -> defaults.put(k, p.getProperty(k)));
        documented = envExample();
        read = configFields();
    }

    @Test
    void oneFileOnTheClassPathHoldsTheDefaults() throws IOException {
        List<URL> holding = new ArrayList<>();
        for (URL url : Collections.list(ConfigDefaultsTest.class.getClassLoader().getResources(DEFAULTS))) {
            Properties p = new Properties();
            try (InputStream in = url.openStream()) {
                p.load(in);
            }
            if (p.stringPropertyNames().stream().anyMatch(read::containsKey)) {
                holding.add(url);
            }
        }
        assertThat(holding).hasSize(1);
    }

    @Test
    void everyDefaultOfEnvExampleIsTheDefaultInTheProperties() {
        List<String> differences = new ArrayList<>();
        documented.forEach((key, value) -> {
            if (value == null || value.isEmpty() || !read.containsKey(key) || EXAMPLE_NOT_DEFAULT.contains(key)) {
                return;
            }
            if (!value.equals(defaults.get(key))) {
                differences.add(key + ": .env.example says '" + value + "', " + DEFAULTS + " says '" + defaults.get(key) + "'");
            }
        });
        assertThat(differences).isEmpty();
    }

    @Test
    void everyDefaultInThePropertiesIsReadAndDocumentedWithTheSameValue() {
        defaults.forEach((key, value) -> {
            assertThat(read).as("a @ConfigProperty reading " + key).containsKey(key);
            assertThat(documented.get(key)).as(key + " in .env.example").isEqualTo(value);
        });
    }

    @Test
    void everySettingHasItsDefaultThereOrIsOptional() {
        assertThat(read).containsKeys("SPARK_ENV", "XP_SCORE_BANDS", "MAINTENANCE_DAILY_AT", "SYNC_CLOCK_SKEW", "STRUGGLING_INACTIVE_DAYS");
        read.forEach((key, field) -> {
            assertThat(field.getAnnotation(ConfigProperty.class).defaultValue())
                    .as(key + " keeps its default in " + DEFAULTS + ", not in the annotation")
                    .isEqualTo(ConfigProperty.UNCONFIGURED_VALUE);
            assertThat(documented).as(key + " is listed in .env.example").containsKey(key);
            if (field.getType() == Optional.class) {
                assertThat(defaults).as(key + " is optional: no default").doesNotContainKey(key);
                if (!EXAMPLE_NOT_DEFAULT.contains(key)) {
                    assertThat(documented.get(key)).as(key + " is optional: unset in .env.example").isNullOrEmpty();
                }
            } else {
                assertThat(defaults).as(key + " is required: a default in " + DEFAULTS).containsKey(key);
            }
        });
    }

    @Test
    void theExampleSecretsAreTheOnesProductionRefuses() {
        assertThat(defaults.get("JWT_SECRET")).isEqualTo(SparkSettings.EXAMPLE_JWT_SECRET);
        assertThat(documented.get("ADMIN_PASSWORD")).isEqualTo(SparkSettings.EXAMPLE_ADMIN_PASSWORD);
    }

    @Test
    void theDefaultsPassEverySettingsClassesChecks() throws Exception {
        Map<Class<?>, List<Field>> byClass = new LinkedHashMap<>();
        read.values().forEach(f -> byClass.computeIfAbsent(f.getDeclaringClass(), c -> new ArrayList<>()).add(f));
        assertThat(byClass).hasSizeGreaterThanOrEqualTo(5);
        for (Map.Entry<Class<?>, List<Field>> e : byClass.entrySet()) {
            var ctor = e.getKey().getDeclaredConstructor();
            ctor.setAccessible(true);
            Object settings = ctor.newInstance();
            for (Field f : e.getValue()) {
                f.setAccessible(true);
                String name = f.getAnnotation(ConfigProperty.class).name();
                f.set(settings, convert(name, defaults.get(name), f.getType()));
            }
            for (Method m : e.getKey().getDeclaredMethods()) {
                if (m.isAnnotationPresent(PostConstruct.class)) {
                    m.setAccessible(true);
                    m.invoke(settings); // throws, naming the settings, if a default is refused
                }
            }
        }
    }

    /** Converts as MicroProfile Config does for the types the settings classes use; unset means Optional.empty(). */
    private static Object convert(String name, String value, Class<?> type) {
        if (type == Optional.class) {
            return Optional.ofNullable(value);
        }
        assertThat(value).as("a default for " + name).isNotNull();
        if (type == String.class) return value;
        if (type == int.class) return Integer.parseInt(value);
        if (type == long.class) return Long.parseLong(value);
        if (type == double.class) return Double.parseDouble(value);
        if (type == boolean.class) return Boolean.parseBoolean(value);
        if (type == BigDecimal.class) return new BigDecimal(value);
        throw new AssertionError("no conversion for " + type + " in this test");
    }

    private static final Pattern ENV_LINE = Pattern.compile("^(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$");

    private static Map<String, String> envExample() throws IOException {
        Path file = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.exists(file.resolve(".env.example"))) {
            file = file.getParent();
            assertThat(file).as(".env.example in a folder above the test's").isNotNull();
        }
        Map<String, String> settings = new TreeMap<>();
        for (String line : Files.readAllLines(file.resolve(".env.example"))) {
            Matcher m = ENV_LINE.matcher(line.trim());
            if (m.matches() && m.group(1) == null) {
                settings.put(m.group(2), m.group(3));
            } else if (m.matches()) {
                settings.putIfAbsent(m.group(2), null);
            }
        }
        return settings;
    }

    /** The @ConfigProperty fields of every class compiled from spark-ejb's sources. */
    private static Map<String, Field> configFields() throws IOException, URISyntaxException, ClassNotFoundException {
        URL location = SparkSettings.class.getProtectionDomain().getCodeSource().getLocation();
        Path classes = Path.of(location.toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(classes::relativize).map(Path::toString).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace(java.io.File.separatorChar, '.')).toList();
        }
        Map<String, Field> fields = new TreeMap<>();
        for (String name : names) {
            for (Field f : Class.forName(name, false, ConfigDefaultsTest.class.getClassLoader()).getDeclaredFields()) {
                ConfigProperty config = f.getAnnotation(ConfigProperty.class);
                if (config != null) {
                    Field before = fields.put(config.name(), f);
                    assertThat(before).as(config.name() + " is read in one place").isNull();
                }
            }
        }
        return Collections.unmodifiableMap(fields);
    }
}
