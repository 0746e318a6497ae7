package org.projectspark.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the server serves at {@code /openapi} describes every operation the EAR exposes (read from its
 * classes by {@link ApiSurface}, so a new endpoint without annotations fails here), with the bearer token on exactly
 * the operations that need one, and only references it defines: what a client generator needs. The JSON form is left
 * in {@code target/openapi.json} for a generator to be tried on.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT extends DeployedEar {

    private static List<ApiSurface.Operation> operations;
    private static JsonObject doc;

    /**
     * The first request after the deployment builds the document, and must not fail: Payara 6.2025.9's generator
     * throws on a Bean Validation constraint of a parameter that is not a path parameter (payara/Payara#7649).
     */
    @BeforeAll
    static void readTheSurfaceAndTheDocument() throws IOException {
        operations = ApiSurface.of(new File(System.getProperty("spark.ear", "../spark-ear/target/spark-ear.ear")));
        Api.Reply r = Api.send(Api.request("/openapi", null).header("Accept", "application/json").GET().build());
        assertThat(r.status()).as("the first GET /openapi: %s", r.body()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), r.body());
        doc = Json.createReader(new StringReader(r.body())).readObject();
    }

    @Test
    void theDocumentIsOpenApi3WithEveryOperationAndItsSecurity() {
        assertThat(doc.getString("openapi")).startsWith("3.");
        assertThat(doc.getJsonObject("info").getString("title")).isNotBlank();
        JsonObject scheme = doc.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer");
        assertThat(scheme.getString("type")).isEqualTo("http");
        assertThat(scheme.getString("scheme")).isEqualTo("bearer");
        assertThat(doc.containsKey("security")).as("a security requirement for the whole API").isFalse();
        assertThat(doc.keySet()).as("members a validator knows").isSubsetOf(
                "openapi", "info", "servers", "tags", "paths", "components", "externalDocs", "jsonSchemaDialect", "webhooks");
        assertThat(doc.getJsonArray("tags")).extracting(t -> t.asJsonObject().getString("name")).doesNotHaveDuplicates();

        JsonObject paths = doc.getJsonObject("paths");
        assertThat(operations).hasSizeGreaterThan(50);
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        assertThat(paths.keySet()).as("paths whose template is a regular expression").noneMatch(p -> p.matches(".*\\{[^}]*:.*"));
        for (ApiSurface.Operation op : operations) {
            JsonObject item = paths.getJsonObject(op.path());
            if (item == null) {
                // a template of alternatives ({board: global|schools/[^/]+}) is one path per alternative: its first here
                String first = op.path();
                for (ApiSurface.Param p : op.params()) {
                    if (p.sample() != null) {
                        first = first.replace("{" + p.name() + "}", p.sample());
                    }
                }
                item = paths.getJsonObject(first);
            }
            JsonObject described = item == null ? null : item.getJsonObject(op.method().toLowerCase(Locale.ROOT));
            if (described == null) {
                missing.add(op.toString());
                continue;
            }
            if (described.containsKey("parameters") && described.getJsonArray("parameters").stream().map(JsonValue::asJsonObject)
                    .anyMatch(p -> p.containsKey("schema") && "object".equals(p.getJsonObject("schema").getString("type", "")))) {
                wrong.add(op + ": a parameter of type object");
            }
            if (!described.containsKey("summary") || described.getString("summary").isBlank()) {
                wrong.add(op + ": no summary");
            }
            if (!described.containsKey("tags") || described.getJsonArray("tags").isEmpty()) {
                wrong.add(op + ": no tag");
            }
            JsonObject responses = described.getJsonObject("responses");
            if (responses == null || responses.keySet().stream().noneMatch(s -> s.matches("[23]\\d\\d"))) {
                wrong.add(op + ": no success response");
            }
            boolean bearer = described.containsKey("security") && described.getJsonArray("security").stream()
                    .anyMatch(requirement -> requirement.asJsonObject().containsKey("bearer"));
            if (bearer != op.signedIn()) {
                wrong.add(op + (op.signedIn() ? ": needs a token but has no bearer requirement" : ": is open but asks for a token"));
            }
            if (op.signedIn() && !responses.containsKey("401")) {
                wrong.add(op + ": needs a token but has no 401");
            }
        }
        assertThat(missing).as("operations missing from /openapi").isEmpty();
        assertThat(wrong).as("operations described wrongly").isEmpty();
    }

    /** Every {@code $ref} points at a component the document defines, and every operation id is unique. */
    @Test
    void everyReferenceResolvesAndOperationIdsAreUnique() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/");
            String[] parts = ref.substring(2).split("/");
            JsonValue target = doc;
            for (String part : parts) {
                target = target == null || target.getValueType() != JsonValue.ValueType.OBJECT ? null : target.asJsonObject().get(part);
            }
            assertThat(target).as("the target of %s", ref).isNotNull();
        }
        List<String> ids = new ArrayList<>();
        doc.getJsonObject("paths").values().forEach(item -> item.asJsonObject().values().stream()
                .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT && v.asJsonObject().containsKey("operationId"))
                .forEach(v -> ids.add(v.asJsonObject().getString("operationId"))));
        assertThat(ids).doesNotHaveDuplicates();
    }

    /** The default form is YAML, as the MicroProfile specification asks. */
    @Test
    void theDefaultFormIsYaml() {
        Api.Reply r = Api.send(Api.request("/openapi", null).GET().build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("openapi: 3.").contains("\n  /api/v1/auth/login:");
    }

    private static void collectRefs(JsonValue value, List<String> into) {
        switch (value.getValueType()) {
            case OBJECT -> value.asJsonObject().forEach((k, v) -> {
                if (k.equals("$ref") && v.getValueType() == JsonValue.ValueType.STRING) {
                    into.add(((jakarta.json.JsonString) v).getString());
                } else {
                    collectRefs(v, into);
                }
            });
            case ARRAY -> ((JsonArray) value).forEach(v -> collectRefs(v, into));
            default -> {
            }
        }
    }
}
