package org.projectspark.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds to every operation of the OpenAPI document the problems any call may meet, so that the resources' annotations
 * name only their own: 429 and 503 everywhere (rate limits and a database that cannot be reached apply to every
 * call), and 401 and 403 where a bearer token is required. Registered by {@code mp.openapi.filter}.
 */
public class CommonResponses implements OASFilter {

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

    private static void add(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + component));
        }
    }
}
