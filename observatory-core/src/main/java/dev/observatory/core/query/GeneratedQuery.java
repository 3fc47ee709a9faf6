package dev.observatory.core.query;

import java.util.List;

/**
 * The answer of text-to-SQL.
 *
 * @param mode
 *            {@code mcp_sampling} (the client's model wrote it), {@code openai_compatible} (the configured endpoint
 *            wrote it) or {@code assistant} (no model here: {@code sql} is null and the caller writes the SQL from
 *            {@code context})
 * @param sql
 *            the generated statement, or null
 * @param validated
 *            whether the statement passed the checks and ran (one row, short time limit)
 * @param validationError
 *            why it did not, or null
 * @param columns
 *            the result's column names when it ran
 * @param note
 *            what happened, in one or two sentences, for the caller
 * @param context
 *            the prompt: schema, rules, examples and the question (always present, so the caller can write or fix the
 *            SQL itself)
 */
public record GeneratedQuery(String mode, String sql, boolean validated, String validationError, List<String> columns,
        String note, String context) {

    public GeneratedQuery {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
