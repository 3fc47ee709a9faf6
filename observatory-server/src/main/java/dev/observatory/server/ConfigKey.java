package dev.observatory.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key, its default and its documentation. This enum is the single source of the README's
 * configuration table ({@code ConfigDocTest} checks the README lists every key). File keys are the lower-case names
 * ({@code port}), environment variables {@code OBSERVATORY_} + upper-case ({@code OBSERVATORY_PORT}), flags
 * {@code --port}.
 */
public enum ConfigKey {
    HOST("127.0.0.1", "Interface to bind. Keep 127.0.0.1 unless a reverse proxy with auth is in front."),
    PORT("8765", "HTTP port for the web UI, REST API, MCP endpoint (/mcp) and /metrics. 0 picks a free port."),
    DATA_DIR("./observatory-data", "Directory for the embedded DuckDB file and blobs."),
    STORAGE("duckdb", "Storage backend: duckdb (embedded, default), postgres, or memory (nothing persisted)."),
    POSTGRES_URL("", "JDBC URL when storage=postgres, e.g. jdbc:postgresql://db:5432/observatory."),
    POSTGRES_USER("", "PostgreSQL user when storage=postgres."),
    POSTGRES_PASSWORD("", "PostgreSQL password when storage=postgres (never logged)."),
    API_KEYS("", "Comma-separated API keys accepted with full access (admin). Keys made with `observatory keys create`"
            + " are stored hashed and need no listing here. When any key exists, every endpoint but /health needs one."),
    READ_ONLY("false", "true refuses every write (ingest, run changes) on every surface with a clear error."),
    TOOLSETS("core", "MCP toolsets to enable: comma list of core, runs, analysis, artifacts, jobs, datasets, registry,"
            + " deploy, release, traces, ops, query, admin, or all. HTTP clients may pick per connection with ?toolsets=."),
    OUTPUT_BUDGET_TOKENS("8000",
            "Largest MCP tool result in tokens (cl100k); longer results are cut with next_cursor."),
    MAX_BODY_BYTES("67108864", "Largest accepted request body in bytes (413 above it)."),
    REQUEST_TIMEOUT_SECONDS("60",
            "Idle timeout of an HTTP connection in seconds (keep it above 15: idle MCP streams are pinged every 15 s)."),
    TOOL_TIMEOUT_SECONDS("30", "Time limit of one tool call through POST /mcp/tool in seconds (504 TOOL_TIMEOUT)."),
    ALLOWED_HOSTS("", "Extra Host header values accepted besides loopback names (DNS-rebinding protection)."),
    ALLOWED_ORIGINS("", "Browser origins allowed to call the API besides the server's own (CORS / DNS rebinding)."),
    BASE_URL("", "Public URL of the UI used in deep links of tool results; default http://<host>:<port>."),
    DEMO("false", "true loads the deterministic demo data set into an empty store at start."),
    MLFLOW_MAX_METRICS_PER_BATCH("1000",
            "Most metrics one MLflow log-batch request may carry (MLflow's limit is 1000; only raising it is allowed).");

    private final String defaultValue;
    private final String doc;

    ConfigKey(String defaultValue, String doc) {
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Name in a config file, e.g. {@code data_dir}. */
    public String fileKey() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Environment variable, e.g. {@code OBSERVATORY_DATA_DIR}. */
    public String envVar() {
        return "OBSERVATORY_" + name();
    }

    public boolean secret() {
        return this == POSTGRES_PASSWORD || this == API_KEYS;
    }

    static Optional<ConfigKey> fromFileKey(String key) {
        return Arrays.stream(values())
                .filter(k -> k.fileKey().equals(key.trim().toLowerCase(Locale.ROOT).replace('-', '_'))).findFirst();
    }
}
