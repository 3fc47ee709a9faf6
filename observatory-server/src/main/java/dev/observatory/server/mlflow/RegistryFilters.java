package dev.observatory.server.mlflow;

import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.server.mlflow.SearchFilter.Clause;
import dev.observatory.server.mlflow.SearchFilter.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry searches' filters in MLflow's grammar, as far as the registry's queries go: {@code name} with =, LIKE or
 * ILIKE, {@code tags.<key> = 'value'}, and for versions {@code run_id = '...'}. Anything else is
 * INVALID_PARAMETER_VALUE saying what is supported.
 */
final class RegistryFilters {
    private RegistryFilters() {
    }

    record ModelFilter(NameFilter name, Map<String, String> tags) {
    }

    record VersionFilter(NameFilter name, String runId, Map<String, String> tags) {
    }

    record Order(ModelQuery.Sort sort, boolean descending) {
    }

    static ModelFilter models(String filter) {
        VersionFilter v = parse(filter, false);
        return new ModelFilter(v.name(), v.tags());
    }

    static VersionFilter versions(String filter) {
        return parse(filter, true);
    }

    private static VersionFilter parse(String filter, boolean versions) {
        Set<String> strings = versions ? Set.of("name", "run_id") : Set.of("name");
        List<Clause> clauses = new SearchParser(filter, strings, Set.of(), false).clauses();
        NameFilter name = null;
        String runId = null;
        Map<String, String> tags = new LinkedHashMap<>();
        for (Clause c : clauses) {
            String key = c.entity().key();
            if (c.entity().type() == Type.TAG && c.op().equals("=")) {
                tags.put(key, (String) c.value());
            } else if (c.entity().type() == Type.ATTRIBUTE && key.equals("name") && name == null
                    && Set.of("=", "LIKE", "ILIKE").contains(c.op())) {
                String p = (String) c.value();
                name = switch (c.op()) {
                    case "=" -> NameFilter.equalTo(p);
                    case "LIKE" -> NameFilter.like(p);
                    default -> NameFilter.ilike(p);
                };
            } else if (c.entity().type() == Type.ATTRIBUTE && key.equals("run_id") && c.op().equals("=")) {
                runId = (String) c.value();
            } else {
                throw MlflowException.invalid("Unsupported filter clause on " + key + " " + c.op() + ": the registry"
                        + " search supports name (=, LIKE, ILIKE), tags.<key> = 'value'"
                        + (versions ? " and run_id = '...'" : ""));
            }
        }
        return new VersionFilter(name, runId, tags);
    }

    static Order modelOrder(List<String> orderBy) {
        if (orderBy.isEmpty()) {
            return new Order(ModelQuery.Sort.NAME, false);
        }
        if (orderBy.size() > 1) {
            throw MlflowException.invalid("order_by takes one clause for registered models, got " + orderBy);
        }
        String[] parts = orderBy.get(0).trim().split("\\s+");
        boolean desc = parts.length > 1 && parts[1].equalsIgnoreCase("DESC");
        String key = parts[0].replaceFirst("^attributes?\\.", "");
        ModelQuery.Sort sort = switch (key) {
            case "name" -> ModelQuery.Sort.NAME;
            case "creation_timestamp", "timestamp" -> ModelQuery.Sort.CREATED;
            case "last_updated_timestamp" -> ModelQuery.Sort.UPDATED;
            default -> throw MlflowException.invalid("Invalid order_by '" + orderBy.get(0)
                    + "': use name, creation_timestamp or last_updated_timestamp with ASC or DESC");
        };
        return new Order(sort, desc);
    }
}
