package dev.observatory.core.query;

/** The text-to-SQL prompt built from the schema description, and the SQL taken back out of a model's reply. */
final class QueryPrompt {

    static final String SYSTEM = "You write one read-only SQL SELECT statement that answers the user's question over"
            + " the ML experiment tracking database described below. Reply with the SQL only: no explanation, no code"
            + " fences, no second statement.";

    private static final java.util.regex.Pattern LINE_START = java.util.regex.Pattern.compile(
            "^[ \\t]*(select|with)\\b", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.MULTILINE);
    private static final java.util.regex.Pattern START = java.util.regex.Pattern.compile("\\b(select|with)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private QueryPrompt() {
    }

    /** Schema, rules, examples and the question, as compact text. */
    static String context(SchemaDescription schema, String question) {
        StringBuilder b = new StringBuilder();
        b.append("Database: ").append(schema.backend()).append(" SQL dialect.\n\nTables:\n");
        for (SchemaDescription.Table t : schema.tables()) {
            b.append("- ").append(t.name());
            if (!t.meaning().isEmpty()) {
                b.append(": ").append(t.meaning());
            }
            b.append("\n  columns: ");
            for (int i = 0; i < t.columns().size(); i++) {
                SchemaDescription.Column c = t.columns().get(i);
                b.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type());
                if (!c.meaning().isEmpty()) {
                    b.append(" (").append(c.meaning()).append(')');
                }
            }
            b.append('\n');
        }
        b.append("\nRules:\n");
        schema.rules().forEach(r -> b.append("- ").append(r).append('\n'));
        b.append("\nExamples:\n");
        for (SchemaDescription.Example e : schema.examples()) {
            b.append("-- ").append(e.question()).append('\n').append(e.sql()).append("\n\n");
        }
        b.append("Question: ").append(question.strip()).append('\n');
        return b.toString();
    }

    /** The SQL of a reply: code fences and any text before the first SELECT or WITH dropped, trailing blanks cut. */
    static String sqlOf(String reply) {
        String text = reply == null ? "" : reply.strip();
        int fence = text.indexOf("```");
        if (fence >= 0) {
            int start = text.indexOf('\n', fence);
            int end = text.indexOf("```", start < 0 ? fence + 3 : start);
            text = start < 0 ? "" : text.substring(start + 1, end < 0 ? text.length() : end);
        }
        java.util.regex.Matcher line = LINE_START.matcher(text);
        if (line.find()) {
            return text.substring(line.start()).strip();
        }
        java.util.regex.Matcher m = START.matcher(text);
        return m.find() ? text.substring(m.start()).strip() : text.strip();
    }
}
