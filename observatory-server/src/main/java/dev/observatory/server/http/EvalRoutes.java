package dev.observatory.server.http;

import dev.observatory.analysis.Direction;
import dev.observatory.core.eval.Aggregation;
import dev.observatory.core.eval.EvalInput;
import dev.observatory.core.eval.EvalName;
import dev.observatory.core.eval.Evals;
import dev.observatory.core.eval.PolicyFilter;
import dev.observatory.core.eval.Scorecard;
import dev.observatory.core.eval.ScorecardImage;
import dev.observatory.core.eval.ScorecardRequest;
import dev.observatory.core.eval.Scorecards;
import dev.observatory.model.Page;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Evaluation results over REST: {@code POST /api/v1/evals} records a batch of up to {@link Evals#MAX_BATCH} results
 * (all or none), {@code GET /api/v1/evals} reads them (query subject, eval_name, metric, limit, cursor), {@code GET
 * /api/v1/evals/names} lists evaluations with their metrics (query subject) and {@code GET /api/v1/scorecard} draws a
 * policy x evaluation scorecard (query metric, eval_names, policies, name, project, aggregation, sort, direction,
 * max_policies, format json or png).
 */
final class EvalRoutes {
    private static final Set<String> RESULT_FIELDS = Set.of("subject", "eval_name", "metric", "value", "episode",
            "seed", "step");
    private final dev.observatory.core.Tracking tracking;

    EvalRoutes(dev.observatory.core.Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("POST", "/api/v1/evals", this::record);
        r.add("GET", "/api/v1/evals", this::list);
        r.add("GET", "/api/v1/evals/names", this::names);
        r.add("GET", "/api/v1/scorecard", this::scorecard);
    }

    /**
     * Body: {@code {"subject": "checkpoint:<id>", "eval_name": "...", "step": 1000, "results": [{"metric": "reward",
     * "value": 0.5, "episode": 0, "seed": 1}, ...]}}; top-level subject, eval_name, step (and metric) are defaults that
     * each result may override.
     */
    private void record(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode body = call.jsonObject();
        Bodies.allowOnly(body, Set.of("subject", "eval_name", "metric", "step", "results"));
        JsonNode results = body.get("results");
        if (results == null || !results.isArray() || results.isEmpty()) {
            throw HttpError.badRequest("field 'results' must be a non-empty array of {metric, value, episode, seed,"
                    + " step, subject, eval_name}, got " + Bodies.typeOf(results));
        }
        if (results.size() > Evals.MAX_BATCH) {
            throw HttpError.badRequest(
                    "at most " + Evals.MAX_BATCH + " results per request, got " + results.size() + ": split the batch");
        }
        List<EvalInput> inputs = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            inputs.add(input(body, results.get(i), i));
        }
        List<EvalResult> stored = new Evals(tracking).record(call.actor(), inputs);
        send(call, 201, Map.of("recorded", stored.size()));
    }

    private static EvalInput input(JsonNode defaults, JsonNode r, int i) {
        String at = "results[" + i + "]";
        if (r == null || !r.isObject()) {
            throw HttpError.badRequest(at + " must be an object, got " + Bodies.typeOf(r));
        }
        for (String f : r.propertyNames()) {
            if (!RESULT_FIELDS.contains(f)) {
                throw HttpError.badRequest("unknown field '" + f + "' in " + at + ": valid fields are "
                        + String.join(", ", RESULT_FIELDS.stream().sorted().toList()));
            }
        }
        String subject = text(r, defaults, "subject", at);
        if (subject == null) {
            throw HttpError.badRequest(at + " needs a subject ('checkpoint:<id>', 'model_version:<id>' or"
                    + " 'run:<id>'), in the result or at the top level");
        }
        JsonNode v = r.get("value");
        if (v == null || !v.isNumber()) {
            throw HttpError.badRequest(at + ".value must be a finite number, got " + Bodies.typeOf(v));
        }
        return new EvalInput(EvalSubject.parse(subject), text(r, defaults, "eval_name", at),
                text(r, defaults, "metric", at), v.doubleValue(), integer(r, null, "episode", at),
                integer(r, null, "seed", at), integer(r, defaults, "step", at));
    }

    private static String text(JsonNode r, JsonNode defaults, String field, String at) {
        JsonNode n = r.has(field) ? r.get(field) : defaults.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw HttpError.badRequest(at + "." + field + " must be a string, got " + Bodies.typeOf(n));
        }
        return n.stringValue();
    }

    private static Long integer(JsonNode r, JsonNode defaults, String field, String at) {
        JsonNode n = r.has(field) || defaults == null ? r.get(field) : defaults.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw HttpError.badRequest(at + "." + field + " must be an integer, got " + Bodies.typeOf(n));
        }
        return n.longValue();
    }

    private void list(Call call) throws IOException {
        call.query().expect(Set.of("subject", "eval_name", "metric", "limit", "cursor"));
        List<EvalSubject> subjects = call.query().csv("subject").stream().map(EvalSubject::parse).toList();
        EvalQuery q = new EvalQuery(subjects, call.query().csv("eval_name"), call.query().get("metric"),
                call.query().intValue("limit", 1000, 1, Evals.MAX_PAGE), 0);
        Page<EvalResult> page = new Evals(tracking).results(q, call.query().get("cursor"));
        List<Map<String, Object>> rows = new ArrayList<>(page.items().size());
        for (EvalResult r : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("subject", r.subject().ref());
            m.put("eval_name", r.evalName());
            m.put("metric", r.metric());
            m.put("value", r.value());
            m.put("episode", r.episode());
            m.put("seed", r.seed());
            m.put("step", r.step());
            m.put("recorded_at", r.recordedAt().toString());
            m.values().removeIf(x -> x == null);
            rows.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", rows);
        if (page.nextCursor() != null) {
            out.put("next_cursor", page.nextCursor());
        }
        send(call, 200, out);
    }

    private void names(Call call) throws IOException {
        call.query().expect(Set.of("subject"));
        String s = call.query().get("subject");
        List<Map<String, Object>> evals = new ArrayList<>();
        for (EvalName e : new Evals(tracking).evalNames(s == null ? null : EvalSubject.parse(s))) {
            evals.add(
                    Map.of("name", e.name(), "metrics", e.metrics(), "results", e.results(), "subjects", e.subjects()));
        }
        send(call, 200, Map.of("evals", evals));
    }

    private void scorecard(Call call) throws IOException {
        call.query().expect(Set.of("metric", "eval_names", "policies", "name", "project", "user", "aggregation", "sort",
                "direction", "max_policies", "format"));
        String metric = call.query().get("metric");
        if (metric == null) {
            throw HttpError.badRequest("query parameter 'metric' is required, e.g. ?metric=reward");
        }
        String d = call.query().get("direction");
        boolean lower = d == null ? Direction.infer(metric, Direction.HIGHER_IS_BETTER) == Direction.LOWER_IS_BETTER
                : switch (d) {
                    case "lower_is_better" -> true;
                    case "higher_is_better" -> false;
                    default -> throw HttpError.badRequest("direction must be lower_is_better or higher_is_better");
                };
        String sort = call.query().get("sort");
        if (sort != null && !sort.equals("name") && !sort.equals("score")) {
            throw HttpError.badRequest("sort must be name or score, got '" + sort + "'");
        }
        ScorecardRequest req = new ScorecardRequest(
                call.query().csv("policies").stream().map(EvalSubject::parse).toList(),
                new PolicyFilter(call.query().get("name"), null, null, call.query().get("user"),
                        call.query().get("project"), true),
                call.query().intValue("max_policies", 200, 1, Scorecards.MAX_POLICIES), call.query().csv("eval_names"),
                metric, Aggregation.parse(call.query().get("aggregation")), "score".equals(sort), lower);
        Scorecard s = new Scorecards(tracking).generate(req);
        String format = call.query().get("format");
        if ("png".equals(format)) {
            call.bytes(200, "image/png", ScorecardImage.png(s, lower));
            return;
        }
        if (format != null && !format.equals("json")) {
            throw HttpError.badRequest("format must be json or png, got '" + format + "'");
        }
        send(call, 200, view(s, lower));
    }

    private static Map<String, Object> view(Scorecard s, boolean lower) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < s.policies().size(); i++) {
            List<Double> values = new ArrayList<>();
            for (int j = 0; j < s.evals().size(); j++) {
                values.add(s.counts()[i][j] == 0 ? null : s.values()[i][j]);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ref", s.policies().get(i).subject().ref());
            row.put("name", s.policies().get(i).name());
            row.put("values", values);
            row.put("counts", s.counts()[i]);
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", s.metric());
        out.put("aggregation", s.aggregation().wire());
        out.put("direction", lower ? "lower_is_better" : "higher_is_better");
        out.put("evals", s.evals());
        out.put("rows", rows);
        out.put("missing_cells", s.missing());
        out.put("results_read", s.resultsRead());
        return out;
    }

    private static void send(Call call, int status, Object body) throws IOException {
        call.bytes(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }
}
