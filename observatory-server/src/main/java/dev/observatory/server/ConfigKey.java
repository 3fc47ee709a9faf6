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
            "Most metrics one MLflow log-batch request may carry (MLflow's limit is 1000; only raising it is allowed)."),
    OTLP_MAX_BODY_BYTES("16777216",
            "Largest OTLP export request (POST /v1/traces) in bytes, compressed and decompressed (413 above it;"
                    + " max_body_bytes still caps the compressed body)."),
    OTLP_MAX_CONCURRENT_REQUESTS("16",
            "OTLP export requests decoded and stored at once; more wait 0.5 s for a slot,"
                    + " then get 429 with Retry-After before any of their spans is read."),
    SELF_TRACING("true", "true records Observatory's own MCP tool calls and HTTP requests as spans of service"
            + " 'observatory' in its trace store (never slows a call: a full queue drops spans, counted in /metrics)."),
    OTLP_EXPORT_ENDPOINT("",
            "OTLP/HTTP collector that also receives Observatory's own spans (self_tracing), e.g."
                    + " http://collector:4318; empty: kept in Observatory's store only."),
    OTLP_EXPORT_API_KEY("", "Sent as 'Authorization: Bearer' with exports to otlp_export_endpoint (never logged)."),
    BLOB_STORE("filesystem",
            "Where artifact and checkpoint bytes live: filesystem (under <data_dir>/blobs) or s3"
                    + " (any S3-compatible endpoint; see the s3_* keys)."),
    S3_BUCKET("", "Bucket when blob_store=s3 (it must exist)."),
    S3_PREFIX("",
            "Key prefix inside s3_bucket for everything Observatory writes, e.g. observatory/ (empty: the root)."),
    S3_ENDPOINT("", "S3 endpoint URL for S3-compatible servers, e.g. http://127.0.0.1:9000 (empty: AWS S3)."),
    S3_REGION("", "S3 region (empty: us-east-1)."),
    S3_PATH_STYLE("false",
            "true addresses buckets as <endpoint>/<bucket> (MinIO, S3Proxy, most S3-compatible servers)."),
    S3_ACCESS_KEY_ID("",
            "S3 access key id; empty with s3_secret_access_key empty uses the default AWS credential chain"
                    + " (environment, profile, instance role)."),
    S3_SECRET_ACCESS_KEY("", "S3 secret access key (never logged)."),
    TRACE_RETENTION_DAYS("30",
            "Spans older than this many days are deleted (checked at most hourly while spans"
                    + " arrive); 0 keeps them forever."),
    TRACE_MODEL_PRICES("",
            "Model prices overriding or adding to the built-in table (USD per million tokens),"
                    + " comma list of model=input/output, e.g. my-model=1.0/2.0,gpt-4o=2.5/10."),
    TRACE_ALERT_THRESHOLDS("",
            "Alert thresholds of get_active_alerts overriding the defaults, comma list of"
                    + " metric=value, e.g. fallback_rate=0.2,p95_latency_ms=3000,error_rate=0.01."),
    PROMETHEUS_URL("",
            "Base URL of a Prometheus server that query_metrics and list_metric_names query through its"
                    + " HTTP API (e.g. http://127.0.0.1:9090); empty: only Observatory's own metric store."),
    PROMETHEUS_TIMEOUT_SECONDS("10", "Time limit of one request to prometheus_url in seconds."),
    METRICS_RETENTION_DAYS("30", "Service metric samples (OTLP /v1/metrics, remote write /api/v1/write) older than"
            + " this many days are deleted (checked at most hourly while samples arrive); 0 keeps them forever."),
    METRICS_MAX_BODY_BYTES("16777216",
            "Largest Prometheus remote-write request (POST /api/v1/write) in bytes,"
                    + " compressed and decompressed (413 above it)."),
    DATASET_ROOTS("",
            "Comma-separated folders that datasets may live in (register_dataset, diagnose_dataset,"
                    + " auto_improve_dataset); other paths are refused. Empty: <data_dir>/datasets."),
    MODEL_ROOTS("",
            "Comma-separated folders list_local_models scans for .safetensors, .gguf, .ckpt and .pt files."
                    + " Empty: <data_dir>/models."),
    SLO_DEFINITIONS("",
            "A YAML file, or a directory of *.yaml files, of SLO definitions (slos: list; see"
                    + " docs/slo-and-alerts.md); empty: only SLOs created with create_slo."),
    ALERT_EVAL_INTERVAL_SECONDS("15", "How often alert rules are evaluated, in seconds; 0 turns the evaluator off."),
    ALERT_SINKS("",
            "A YAML file of alert sinks (sinks: list of file / webhook / slack / alertmanager with"
                    + " min_severity, matchers, group_by, per_minute, retries, secret_env); empty: none."),
    ALERT_FILE_DIR("", "Directory that file sinks and alert_routing write JSON lines in (empty: <data_dir>/alerts)."),
    ALERT_WEBHOOK_ALLOW_PRIVATE("false",
            "true lets webhooks reach private addresses (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10)."),
    ALERT_WEBHOOK_ALLOW_LOOPBACK("false", "true lets webhooks reach loopback addresses (127.0.0.0/8, ::1)."),
    ALERT_WEBHOOK_ALLOW_LINK_LOCAL("false",
            "true lets webhooks reach link-local and cloud metadata addresses (169.254/16, fe80::/10); keep false."),
    JOB_ROOTS("",
            "Comma list of directories training jobs may run in (working_dir must lie under one);"
                    + " empty: only <data_dir>/jobs. The current directory is not allowed unless listed."),
    JOB_MAX_CONCURRENT("4", "Training jobs running at once; more wait as pending."),
    JOB_GRACE_SECONDS("30", "Seconds between SIGTERM and SIGKILL when a job is stopped."),
    JOB_LOG_MAX_MB("64", "Size in MiB at which a job's log file rotates."),
    JOB_LOG_FILES("3", "Rotated log files kept per job (older ones are deleted)."),
    JOB_SAMPLE_SECONDS("10", "Seconds between resource samples (CPU, RSS, I/O, GPU) of running jobs."),
    JOB_PRICES("",
            "Job cost prices overriding the built-in table (USD per hour), comma list of name=price:"
                    + " GPU types per GPU-hour, cpu per core-hour, memory_gb per GB-hour, e.g. h100=2.5,cpu=0.03."),
    JOB_CHECKPOINT_PATTERNS("checkpoint-*/,*.ckpt,*.safetensors,step_*.pt,step_*.pth",
            "Comma list of globs: files and folders (pattern ending in /) in a job's working directory registered as"
                    + " checkpoints of its run while it runs (left in place, step from the name); empty: none."),
    JOB_CHECKPOINT_SCAN_SECONDS("10", "Seconds between checkpoint scans of a running job's working directory."),
    RELEASE_REPO("", "Git repository of the production release configs (YAML per machine): a local clone's path, or a"
            + " Git URL cloned bare into <data_dir>/release-repo and fetched at most once a minute. Empty: the release"
            + " tools answer that none is configured."),
    RELEASE_BRANCH("",
            "Branch of release_repo that describes production (empty: main, or master without main)."
                    + " Proposals never write it: they commit on a new observatory/<slug>-<timestamp> branch."),
    RELEASE_PR_PROVIDER("",
            "Where propose_release_config opens pull requests: github or gitlab (empty: from the"
                    + " origin URL's host)."),
    RELEASE_PR_REPO("", "GitHub owner/name or GitLab project path/id for pull requests (empty: from the origin URL)."),
    GITHUB_API_URL("https://api.github.com", "GitHub REST API base URL (GitHub Enterprise: https://host/api/v3)."),
    GITLAB_API_URL("https://gitlab.com/api/v4", "GitLab REST API base URL (self-managed: https://host/api/v4)."),
    GITHUB_TOKEN("", "GitHub token for pushing proposal branches and opening pull requests. Environment only"
            + " (OBSERVATORY_GITHUB_TOKEN); never logged or returned. Without it proposals return the branch and diff."),
    GITLAB_TOKEN("",
            "GitLab token for pushing proposal branches and opening merge requests. Environment only"
                    + " (OBSERVATORY_GITLAB_TOKEN); never logged or returned."),
    ALLOW_PRODUCTION_CHANGES("false",
            "true allows propose_release_config (production changes, always through a pull"
                    + " request for human review); it also needs write access and is refused in read-only mode."),
    BENCHMARK_ALLOWED_HOSTS("",
            "Hosts besides loopback that run_benchmark may send load to, comma list (* for any)."
                    + " Link-local and cloud metadata addresses are refused whatever this says."),
    METRIC_DURABILITY("fsync",
            "When an acknowledged metric batch is safe on DuckDB (decision 0018): fsync (in the metric journal on disk"
                    + " before the answer), process (in the journal, survives a crash of the server but not of the"
                    + " machine in the moments before DuckDB applies it), commit (committed to DuckDB before the"
                    + " answer, no journal; slower)."),
    QUERY_TIMEOUT_SECONDS("10",
            "Time limit of one read-only SQL query (run_sql_query, POST /api/v1/query); a call may ask for less."),
    QUERY_MAX_ROWS("5000", "Most rows one SQL query may return (1-5000; a call gets 200 unless it asks for more)."),
    AI_QUERY_URL("",
            "Base URL of an OpenAI-compatible API (e.g. https://api.openai.com/v1) that generate_ai_query asks"
                    + " when the MCP client offers no sampling; empty: the calling assistant writes the SQL."),
    AI_QUERY_MODEL("", "Model name sent to ai_query_url (needed with it)."), AI_QUERY_API_KEY("",
            "Bearer token for ai_query_url (environment only: OBSERVATORY_AI_QUERY_API_KEY; never" + " logged).");

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
        return this == POSTGRES_PASSWORD || this == API_KEYS || this == OTLP_EXPORT_API_KEY
                || this == S3_SECRET_ACCESS_KEY || this == GITHUB_TOKEN || this == GITLAB_TOKEN
                || this == AI_QUERY_API_KEY;
    }

    /** Keys accepted from the environment only (not from a config file), so tokens stay out of files. */
    public boolean environmentOnly() {
        return this == GITHUB_TOKEN || this == GITLAB_TOKEN || this == AI_QUERY_API_KEY;
    }

    static Optional<ConfigKey> fromFileKey(String key) {
        return Arrays.stream(values())
                .filter(k -> k.fileKey().equals(key.trim().toLowerCase(Locale.ROOT).replace('-', '_'))).findFirst();
    }
}
