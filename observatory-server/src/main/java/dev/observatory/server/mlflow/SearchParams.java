package dev.observatory.server.mlflow;

import java.util.Locale;

/** Paging and view-type parameters shared by the search endpoints. */
final class SearchParams {
    private SearchParams() {
    }

    static int maxResults(MlflowRequest req, int dflt, int limit) {
        Long max = req.longValue("max_results");
        if (max == null) {
            return dflt;
        }
        if (max < 1 || max > limit) {
            throw MlflowException.invalid("Invalid value " + max + " for parameter 'max_results' supplied. It must be"
                    + " at most " + limit + " and at least 1.");
        }
        return max.intValue();
    }

    /** ACTIVE_ONLY (default), DELETED_ONLY or ALL; also accepts the enum numbers 1, 2, 3. */
    static String viewType(MlflowRequest req, String field) {
        String v = req.string(field);
        if (v == null || v.isEmpty()) {
            return "ACTIVE_ONLY";
        }
        return switch (v.toUpperCase(Locale.ROOT)) {
            case "ACTIVE_ONLY", "1" -> "ACTIVE_ONLY";
            case "DELETED_ONLY", "2" -> "DELETED_ONLY";
            case "ALL", "3" -> "ALL";
            default -> throw MlflowException.invalid(
                    "Invalid value '" + v + "' for parameter '" + field + "': use ACTIVE_ONLY, DELETED_ONLY or ALL");
        };
    }

    static boolean viewMatches(String view, boolean deleted) {
        return switch (view) {
            case "ACTIVE_ONLY" -> !deleted;
            case "DELETED_ONLY" -> deleted;
            default -> true;
        };
    }
}
