package dev.observatory.model.slo;

/**
 * Which spans an SLO counts: every non-null field must match (service name, span name as the route or operation, span
 * kind, tool name, model). At least one field is set; validation is the caller's (core {@code SloDefinition}).
 *
 * @param service
 *            {@code service.name} of the spans
 * @param route
 *            the span name (e.g. {@code GET /api/v1/predict}); null for every name
 * @param kind
 *            span kind (SERVER, CLIENT, INTERNAL, PRODUCER, CONSUMER); null for every kind
 * @param tool
 *            the tool name derived at ingest (GenAI / MCP tool)
 * @param model
 *            the model derived at ingest
 */
public record SliSelector(String service, String route, String kind, String tool, String model) {

    /** All spans of one service. */
    public static SliSelector service(String service) {
        return new SliSelector(service, null, null, null, null);
    }

    /** Whether no field is set (such a selector would count every span). */
    public boolean isEmpty() {
        return service == null && route == null && kind == null && tool == null && model == null;
    }
}
