package org.projectspark.it;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Every REST operation the built EAR exposes, read from its classes the way JAX-RS reads them: the resource classes
 * of the WAR, their HTTP methods, paths, path and query parameters (with their Java types and bounds) and the body
 * each takes. A test that walks this list covers an endpoint as soon as it is added.
 */
final class ApiSurface {

    /**
     * One path or query parameter. {@code sample}: a value the path's template takes for it, when the template names
     * one (the first alternative of {@code {board: global|schools/[^/]+}} is {@code global}), else null.
     */
    record Param(String name, boolean inPath, Class<?> type, Long min, Long max, String sample) {
    }

    private static final java.util.regex.Pattern TEMPLATE_PARAM = java.util.regex.Pattern.compile("\\{\\s*(\\w+)\\s*:\\s*([\\w-]+)(\\||\\s*})");

    /**
     * One operation: {@code path} has its {@code {name}} placeholders; {@code body} is null when it takes none;
     * {@code signedIn}: it needs a bearer token ({@code @RolesAllowed} on it or its class, not {@code @PermitAll}).
     */
    record Operation(String method, String path, List<Param> params, Class<?> body, Type bodyType, List<String> consumes,
                     boolean signedIn) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private ApiSurface() {
    }

    static List<Operation> of(java.io.File ear) {
        try {
            Path dir = Files.createTempDirectory("spark-ear");
            unzip(ear.toPath(), dir);
            Path war = Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".war")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no WAR in " + ear));
            Path web = dir.resolve("web");
            unzip(war, web);
            List<URL> urls = new ArrayList<>();
            urls.add(web.resolve("WEB-INF/classes").toUri().toURL());
            for (Path jar : jars(web.resolve("WEB-INF/lib"), dir, dir.resolve("lib"))) {
                urls.add(jar.toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ApiSurface.class.getClassLoader());
            Path classes = web.resolve("WEB-INF/classes");
            List<Class<?>> types;
            try (Stream<Path> files = Files.walk(classes)) {
                types = files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                        .map(name -> load(name, loader)).flatMap(Optional::stream).toList();
            }
            String base = types.stream().map(t -> t.getAnnotation(ApplicationPath.class)).filter(a -> a != null)
                    .map(ApplicationPath::value).findFirst().orElse("");
            List<Operation> operations = new ArrayList<>();
            for (Class<?> type : types) {
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                for (Method m : type.getMethods()) {
                    String http = httpMethod(m);
                    if (http != null) {
                        operations.add(operation(http, base, root, type, m));
                    }
                }
            }
            operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Operation operation(String http, String base, jakarta.ws.rs.Path root, Class<?> type, Method m) {
        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
        String path = "/" + base + "/" + root.value() + (sub == null ? "" : "/" + sub.value());
        java.util.Map<String, String> samples = new java.util.HashMap<>();
        java.util.regex.Matcher literal = TEMPLATE_PARAM.matcher(path);
        while (literal.find()) {
            samples.put(literal.group(1), literal.group(2));
        }
        path = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        List<Param> params = new ArrayList<>();
        Class<?> body = null;
        Type bodyType = null;
        for (Parameter p : m.getParameters()) {
            PathParam inPath = p.getAnnotation(PathParam.class);
            QueryParam inQuery = p.getAnnotation(QueryParam.class);
            if (inPath != null || inQuery != null) {
                Min min = p.getAnnotation(Min.class);
                Max max = p.getAnnotation(Max.class);
                params.add(new Param(inPath != null ? inPath.value() : inQuery.value(), inPath != null, p.getType(),
                        min == null ? null : min.value(), max == null ? null : max.value(), inPath != null ? samples.get(inPath.value()) : null));
            } else if (Stream.of(Context.class, Suspended.class, HeaderParam.class, FormParam.class, CookieParam.class,
                    MatrixParam.class, BeanParam.class).noneMatch(p::isAnnotationPresent)) {
                body = p.getType();
                bodyType = p.getParameterizedType();
            }
        }
        Consumes consumes = m.getAnnotation(Consumes.class) != null ? m.getAnnotation(Consumes.class) : type.getAnnotation(Consumes.class);
        boolean signedIn = !m.isAnnotationPresent(PermitAll.class)
                && (m.isAnnotationPresent(RolesAllowed.class) || type.isAnnotationPresent(RolesAllowed.class));
        return new Operation(http, path, params, body, bodyType, consumes == null ? List.of("application/json") : Arrays.asList(consumes.value()),
                signedIn);
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static Optional<Class<?>> load(String name, ClassLoader loader) {
        try {
            return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static List<Path> jars(Path... dirs) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
                }
            }
        }
        return jars;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z, target);
                }
            }
        }
    }
}
