package dev.observatory.store.internal;

import dev.observatory.store.internal.SqlLexer.Kind;
import dev.observatory.store.internal.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The statement check every SQL query passes before it reaches the database: exactly one statement, a SELECT (or WITH
 * ... SELECT), no keyword that writes, changes settings, attaches databases, loads extensions or touches files, no
 * function that reads files or runs SQL from a string, and no table outside the queryable ones. Strings, quoted
 * identifiers and comments are lexed like the database does ({@link SqlLexer}), so a {@code ;} or a keyword inside a
 * string is not mistaken for SQL. The check is the first of three walls: the query also runs wrapped in
 * {@code SELECT * FROM (...)} (anything but a query there is a syntax error) on a sandboxed connection.
 */
public final class SqlGuard {

    /** Words that only statements other than a query use, with the reason a query may not contain them. */
    private static final Map<String, String> FORBIDDEN_WORDS = forbiddenWords();

    /** Functions that read files or the network, run SQL from a string, or change server state. */
    private static final Set<String> FILE_FUNCTIONS = Set.of("glob", "sniff_csv", "parquet_scan", "parquet_metadata",
            "parquet_schema", "parquet_file_metadata", "parquet_kv_metadata", "csv_scan", "json_scan", "delta_scan",
            "iceberg_scan", "sqlite_scan", "postgres_scan", "mysql_scan", "pg_read_file", "pg_read_binary_file",
            "pg_ls_dir", "pg_stat_file", "lo_import", "lo_export", "getenv");
    private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of("query", "query_table", "set_config",
            "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_notify",
            "duckdb_secrets", "load_aws_credentials", "dblink", "dblink_exec", "setval", "nextval");
    private static final List<String> FILE_FUNCTION_PREFIXES = List.of("read_", "pg_ls_", "pg_file", "lo_");
    private static final List<String> FORBIDDEN_FUNCTION_PREFIXES = List.of("pg_advisory", "pg_try_advisory",
            "dblink_");

    private final Set<String> hiddenTables;

    /**
     * @param hiddenTables
     *            tables of the database a query may not read (lower case)
     */
    public SqlGuard(Set<String> hiddenTables) {
        this.hiddenTables = Set.copyOf(hiddenTables);
    }

    private static Map<String, String> forbiddenWords() {
        String readOnly = "the query is read-only";
        String files = "file access is disabled";
        String settings = "changing settings is not allowed";
        return Map.ofEntries(Map.entry("insert", readOnly), Map.entry("update", readOnly),
                Map.entry("delete", readOnly), Map.entry("merge", readOnly), Map.entry("create", readOnly),
                Map.entry("drop", readOnly), Map.entry("alter", readOnly), Map.entry("truncate", readOnly),
                Map.entry("into", readOnly), Map.entry("grant", readOnly), Map.entry("revoke", readOnly),
                Map.entry("vacuum", readOnly), Map.entry("checkpoint", readOnly), Map.entry("copy", files),
                Map.entry("export", files), Map.entry("import", files),
                Map.entry("attach", "attaching databases is not allowed"),
                Map.entry("detach", "attaching databases is not allowed"),
                Map.entry("install", "loading extensions is not allowed"),
                Map.entry("load", "loading extensions is not allowed"), Map.entry("pragma", settings),
                Map.entry("set", settings), Map.entry("reset", settings), Map.entry("call", "CALL is not allowed"),
                Map.entry("begin", "transaction control is not allowed"),
                Map.entry("commit", "transaction control is not allowed"),
                Map.entry("rollback", "transaction control is not allowed"),
                Map.entry("prepare", "prepared statements are not allowed"),
                Map.entry("execute", "prepared statements are not allowed"),
                Map.entry("deallocate", "prepared statements are not allowed"),
                Map.entry("listen", "notifications are not allowed"),
                Map.entry("notify", "notifications are not allowed"));
    }

    /**
     * Checks the text and returns the statement without trailing semicolons and blanks.
     *
     * @throws IllegalArgumentException
     *             saying why the query is refused and what is allowed instead
     */
    public String check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("the query is empty: give one SELECT statement");
        }
        List<Token> tokens = SqlLexer.tokens(sql);
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).symbol(';')) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException("the query is empty: give one SELECT statement");
        }
        List<Token> statement = tokens.subList(0, end);
        for (Token t : statement) {
            if (t.symbol(';')) {
                throw new IllegalArgumentException("only one SELECT statement is allowed: remove everything after the"
                        + " ';' at character " + (t.start() + 1));
            }
        }
        checkStart(statement);
        for (int i = 0; i < statement.size(); i++) {
            checkToken(statement, i);
        }
        return sql.substring(0, statement.get(end - 1).end()).strip();
    }

    private static void checkStart(List<Token> statement) {
        Token first = statement.stream().filter(t -> !t.symbol('(')).findFirst().orElse(statement.get(0));
        if (first.is("select") || first.is("with") || first.is("values")) {
            return;
        }
        String word = first.kind() == Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : first.text();
        String reason = first.kind() == Kind.WORD ? FORBIDDEN_WORDS.get(first.text()) : null;
        throw new IllegalArgumentException("only one SELECT statement is allowed (or WITH ... SELECT); the query starts"
                + " with " + word + (reason == null ? "" : " and " + reason));
    }

    private void checkToken(List<Token> statement, int i) {
        Token t = statement.get(i);
        boolean call = i + 1 < statement.size() && statement.get(i + 1).symbol('(');
        if (t.kind() == Kind.WORD) {
            String reason = FORBIDDEN_WORDS.get(t.text());
            if (reason != null) {
                throw new IllegalArgumentException("only one SELECT statement is allowed: " + reason + " ("
                        + t.text().toUpperCase(Locale.ROOT) + " at character " + (t.start() + 1) + ")");
            }
        }
        if (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED) {
            String name = t.text().toLowerCase(Locale.ROOT);
            if (call) {
                checkFunction(name);
            }
            if (hiddenTables.contains(name)) {
                throw new IllegalArgumentException(
                        "table " + name + " is not queryable; describe_schema lists the" + " tables a query may read");
            }
        }
        if (t.kind() == Kind.STRING && i > 0 && (statement.get(i - 1).is("from") || statement.get(i - 1).is("join"))) {
            throw new IllegalArgumentException("file access is disabled: FROM '" + t.text() + "' would read a file;"
                    + " query the tracking tables (describe_schema lists them)");
        }
    }

    private static void checkFunction(String name) {
        if (FILE_FUNCTIONS.contains(name) || FILE_FUNCTION_PREFIXES.stream().anyMatch(name::startsWith)) {
            throw new IllegalArgumentException("file access is disabled: " + name + "() cannot be used; query the"
                    + " tracking tables (describe_schema lists them)");
        }
        if (FORBIDDEN_FUNCTIONS.contains(name) || FORBIDDEN_FUNCTION_PREFIXES.stream().anyMatch(name::startsWith)) {
            throw new IllegalArgumentException("function " + name + "() is not allowed in a read-only query");
        }
    }
}
