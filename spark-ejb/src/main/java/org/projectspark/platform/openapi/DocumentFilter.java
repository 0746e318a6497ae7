package org.projectspark.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finishes the OpenAPI document the server builds from the resources' annotations (registered by
 * {@code mp.openapi.filter}):
 * <ul>
 * <li>adds to every operation the problems any call may meet, so that the annotations name only their own: 429 and
 * 503 everywhere (rate limits and a database that cannot be reached apply to every call), 401 and 403 where a
 * bearer token is required;</li>
 * <li>writes a path whose template is a regular expression ({@code {board: global|schools/[^/]+|classes/[^/]+}}), which
 * OpenAPI cannot express and a generated client would escape, as one path per alternative
 * ({@code /leaderboards/global}, {@code /leaderboards/schools/{id}}, ...);</li>
 * <li>drops the default values the server writes into every schema ({@code maxProperties: 0} would read as "no
 * properties"), and gives a query, path or header parameter of an enum type (written as an object) the string it is;</li>
 * <li>keeps one entry per tag (the server adds one per annotated class), and drops Payara's own {@code endpoints}
 * member, which is not OpenAPI and which validators refuse.</li>
 * </ul>
 */
public class DocumentFilter implements OASFilter {

    private static final Pattern REGEX_TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*:\\s*([^}]*)}");
    private static final String ANY_SEGMENT = "[^/]+";

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        boolean signedIn = operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.hasScheme(ApiDoc.BEARER));
        if (signedIn) {
            add(responses, "401", ApiDoc.UNAUTHORIZED);
            add(responses, "403", ApiDoc.FORBIDDEN);
        }
        add(responses, "429", ApiDoc.TOO_MANY);
        add(responses, "503", ApiDoc.UNAVAILABLE);
        return operation;
    }

    @Override
    public Schema filterSchema(Schema schema) {
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        return schema;
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema != null && schema.getRef() == null && schema.getType() == Schema.SchemaType.OBJECT) {
            schema.setType(Schema.SchemaType.STRING);
        }
        return parameter;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getTags() != null) {
            Map<String, Tag> byName = new LinkedHashMap<>();
            openAPI.getTags().forEach(tag -> byName.merge(tag.getName(), tag, (first, next) -> first.getDescription() != null ? first : next));
            openAPI.setTags(new ArrayList<>(byName.values()));
        }
        dropEndpoints(openAPI);
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> entry : new LinkedHashMap<>(paths.getPathItems()).entrySet()) {
            Matcher template = REGEX_TEMPLATE.matcher(entry.getKey());
            if (!template.find()) {
                continue;
            }
            paths.removePathItem(entry.getKey());
            for (String alternative : template.group(2).split("\\|")) {
                String concrete = alternative.trim().replace(ANY_SEGMENT, "{id}");
                String path = entry.getKey().substring(0, template.start()) + concrete + entry.getKey().substring(template.end());
                paths.addPathItem(path, alternativeOf(entry.getValue(), template.group(1), concrete));
            }
        }
    }

    /** The path item of one alternative: the template's parameter replaced by {@code id} where the alternative has one. */
    private static PathItem alternativeOf(PathItem item, String parameter, String concrete) {
        String name = concrete.split("/")[0];
        String suffix = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        PathItem copy = OASFactory.createPathItem();
        item.getOperations().forEach((method, operation) -> {
            List<Parameter> parameters = new ArrayList<>();
            if (operation.getParameters() != null) {
                operation.getParameters().stream()
                        .filter(p -> !(parameter.equals(p.getName()) && p.getIn() == Parameter.In.PATH)).forEach(parameters::add);
            }
            if (concrete.contains("{id}")) {
                parameters.add(0, OASFactory.createParameter().name("id").in(Parameter.In.PATH).required(true)
                        .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uuid")));
            }
            copy.setOperation(method, OASFactory.createOperation()
                    .tags(operation.getTags()).summary(operation.getSummary()).description(operation.getDescription())
                    .operationId(operation.getOperationId() == null ? null : operation.getOperationId() + suffix)
                    .parameters(parameters).requestBody(operation.getRequestBody()).responses(operation.getResponses())
                    .security(operation.getSecurity()));
        });
        return copy;
    }

    /**
     * Payara's model has an {@code endpoints} map (its index of the paths) that it writes into the document unless
     * empty; it copies the map for every request, so it is emptied, not removed.
     */
    private static void dropEndpoints(OpenAPI openAPI) {
        try {
            openAPI.getClass().getMethod("setEndpoints", Map.class).invoke(openAPI, new java.util.TreeMap<String, java.util.Set<String>>());
        } catch (NoSuchMethodException e) {
            // another server's model: nothing to drop
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not drop the server's endpoints member from the OpenAPI document", e);
        }
    }

    private static void add(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + component));
        }
    }
}
