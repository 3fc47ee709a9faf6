package dev.observatory.core.query;

import dev.observatory.core.Tracking;
import dev.observatory.model.query.SqlColumn;
import dev.observatory.model.query.SqlQuery;
import dev.observatory.model.query.SqlResult;
import dev.observatory.store.SqlQueryStore;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only SQL over the tracking tables (the {@code query} toolset and {@code POST /api/v1/query}): runs one checked
 * SELECT with row and time limits, describes what may be queried, and turns a question into SQL. SQL needs the DuckDB
 * or PostgreSQL storage; on memory storage every call says so. Reading only, so it works in read-only mode too.
 */
public final class SqlQueries {
    private static final Logger LOG = LoggerFactory.getLogger(SqlQueries.class);
    private static final Map<Tracking, QuerySettings> CONFIGURED = Collections.synchronizedMap(new WeakHashMap<>());
    /** Time limit of the trial run of a generated query. */
    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_TOKENS = 800;

    private final Tracking tracking;
    private final QuerySettings settings;

    /** With the settings {@link #configure configured} for this tracking, else the defaults. */
    public SqlQueries(Tracking tracking) {
        this(tracking, CONFIGURED.getOrDefault(tracking, QuerySettings.defaults()));
    }

    public SqlQueries(Tracking tracking, QuerySettings settings) {
        this.tracking = tracking;
        this.settings = settings;
    }

    /** Sets the settings every {@code new SqlQueries(tracking)} uses (the server calls it once at start-up). */
    public static void configure(Tracking tracking, QuerySettings settings) {
        CONFIGURED.put(tracking, settings);
    }

    public QuerySettings settings() {
        return settings;
    }

    private SqlQueryStore store() {
        try {
            return tracking.store().sql();
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(e.getMessage() + ": start the server with --storage duckdb (the"
                    + " default) or postgres to query with SQL", e);
        }
    }

    /**
     * Runs one read-only SELECT.
     *
     * @param maxRows
     *            rows to return (null: {@link QuerySettings#DEFAULT_ROWS}), at most the configured maximum
     * @param timeoutSeconds
     *            time limit (null: the configured one), at most the configured one
     *
     * @throws IllegalArgumentException
     *             for refused or failing SQL, a timeout, or memory storage
     */
    public SqlResult run(String sql, Integer maxRows, Double timeoutSeconds) {
        int rows = maxRows == null ? Math.min(QuerySettings.DEFAULT_ROWS, settings.maxRows()) : maxRows;
        if (rows < 1 || rows > settings.maxRows()) {
            throw new IllegalArgumentException(
                    "max_rows must be between 1 and " + settings.maxRows() + ", got " + rows);
        }
        Duration timeout = settings.timeout();
        if (timeoutSeconds != null) {
            if (!(timeoutSeconds > 0) || timeoutSeconds * 1000 > settings.timeout().toMillis()) {
                throw new IllegalArgumentException("timeout_seconds must be above 0 and at most "
                        + settings.timeout().toMillis() / 1000.0 + ", got " + timeoutSeconds);
            }
            timeout = Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
        }
        return store().query(new SqlQuery(sql, rows, timeout));
    }

    /** The queryable tables (live catalog, meanings from the committed guide), examples, rules and limits. */
    public SchemaDescription describe() {
        SqlQueryStore store = store();
        String backend = tracking.store().kind();
        List<SchemaDescription.Table> tables = store.tables().stream().map(SchemaGuide::table).toList();
        return new SchemaDescription(backend, store.sandbox(), Math.min(QuerySettings.DEFAULT_ROWS, settings.maxRows()),
                settings.maxRows(), settings.timeout().toMillis(), tables, SchemaGuide.examples(backend), rules());
    }

    private List<String> rules() {
        return List.of("One SELECT statement (WITH ... SELECT too); a trailing ';' is fine, a second statement is not.",
                "Only the tables listed here can be read.",
                "No INSERT/UPDATE/DELETE/DDL, SET/PRAGMA, ATTACH, INSTALL/LOAD, COPY, CALL, or functions that read"
                        + " files (read_csv, read_parquet, glob, ...).",
                "At most " + settings.maxRows() + " rows come back (default " + QuerySettings.DEFAULT_ROWS
                        + "); 'truncated' says when there were more: aggregate or add LIMIT.",
                "A query running longer than " + settings.timeout().toMillis() / 1000.0 + " s is cancelled.",
                "Times are UTC. Columns ending in _ms are epoch milliseconds, _ns epoch nanoseconds.");
    }

    /**
     * Text to SQL: asks {@code clientModel} (MCP sampling) when given, else the configured endpoint; with neither,
     * returns the context so the caller writes the SQL. A generated statement is tried (one row, 5 s) and reported as
     * validated or not.
     */
    public GeneratedQuery generate(String question, TextModel clientModel) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question must not be empty: say what you want to know");
        }
        String context = QueryPrompt.context(describe(), question);
        String failures = "";
        if (clientModel != null) {
            try {
                return tried("mcp_sampling", clientModel.complete(QueryPrompt.SYSTEM, context, MAX_TOKENS), context,
                        "written by the client's model through MCP sampling");
            } catch (RuntimeException e) {
                failures = "MCP sampling failed (" + e.getMessage() + "). ";
            }
        }
        if (settings.ai() != null) {
            try {
                TextModel endpoint = new OpenAiCompatibleModel(settings.ai());
                return tried("openai_compatible", endpoint.complete(QueryPrompt.SYSTEM, context, MAX_TOKENS), context,
                        "written by " + settings.ai().model() + " at the configured ai_query_url");
            } catch (RuntimeException e) {
                LOG.warn("text-to-SQL endpoint failed: {}", e.getMessage());
                failures += "The configured endpoint failed (" + e.getMessage() + "). ";
            }
        }
        return new GeneratedQuery("assistant", null, false, null, List.of(),
                failures + "No SQL was generated here: the client does not offer MCP sampling and no ai_query_url is"
                        + " configured. Write the SQL yourself from 'context' (schema, rules, examples), then call"
                        + " run_sql_query with it.",
                context);
    }

    private GeneratedQuery tried(String mode, String reply, String context, String how) {
        String sql = QueryPrompt.sqlOf(reply);
        try {
            SqlResult r = store().query(new SqlQuery(sql, 1,
                    TRIAL_TIMEOUT.compareTo(settings.timeout()) < 0 ? TRIAL_TIMEOUT : settings.timeout()));
            return new GeneratedQuery(mode, sql, true, null, r.columns().stream().map(SqlColumn::name).toList(),
                    "SQL " + how + "; it passed the checks and ran. Run it with run_sql_query.", context);
        } catch (IllegalArgumentException e) {
            return new GeneratedQuery(mode, sql, false, e.getMessage(), List.of(),
                    "SQL " + how + "; it does not run"
                            + " as is (see validation_error): fix it using 'context' before calling run_sql_query.",
                    context);
        }
    }
}
