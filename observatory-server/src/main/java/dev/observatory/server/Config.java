package dev.observatory.server;

import dev.observatory.core.dataset.DatasetSettings;
import dev.observatory.core.opsmetrics.OpsMetricsSettings;
import dev.observatory.core.job.CheckpointScan;
import dev.observatory.core.job.JobSettings;
import dev.observatory.core.job.PriceTable;
import dev.observatory.core.release.ReleaseSettings;
import dev.observatory.core.trace.TraceSettings;
import dev.observatory.store.blob.BlobSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The immutable configuration, built from defaults, then an optional properties file, then {@code OBSERVATORY_*}
 * environment variables, then command-line flags (each layer overrides the one before). Unknown keys in the file or
 * environment are an error, so a typo never silently falls back to a default.
 */
public record Config(String host, int port, Path dataDir, String storage, String postgresUrl, String postgresUser,
        String postgresPassword, List<String> apiKeys, boolean readOnly, Set<String> toolsets, int outputBudgetTokens,
        long maxBodyBytes, Duration requestTimeout, Duration toolTimeout, List<String> allowedHosts,
        List<String> allowedOrigins, String baseUrl, boolean demo, int mlflowMaxMetricsPerBatch, long otlpMaxBodyBytes,
        int otlpMaxConcurrentRequests, boolean selfTracing, String otlpExportEndpoint, String otlpExportApiKey,
        BlobSettings blobs, TraceSettings traces, OpsMetricsSettings opsMetrics, long metricsMaxBodyBytes,
        DatasetSettings datasets, OpsConfig ops, JobSettings jobs, ReleaseSettings releases,
        List<String> benchmarkAllowedHosts, dev.observatory.core.query.QuerySettings query, String metricDurability) {
    /** Variables read by the launcher script, not by the server. */
    private static final Set<String> LAUNCHER_ENV = Set.of("OBSERVATORY_JAVA_OPTS", "OBSERVATORY_JAVA_HOME",
            "OBSERVATORY_NO_AOT");

    /** Builds the config; {@code flags} holds the values given on the command line (highest precedence). */
    public static Config load(Path file, Map<String, String> env, Map<ConfigKey, String> flags) {
        Map<ConfigKey, String> v = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            v.put(k, k.defaultValue());
        }
        if (file != null) {
            readFile(file, v);
        }
        env.forEach((name, value) -> {
            if (name.startsWith("OBSERVATORY_") && !LAUNCHER_ENV.contains(name)) {
                ConfigKey k = Arrays.stream(ConfigKey.values()).filter(c -> c.envVar().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown environment variable " + name
                                + ": valid ones are " + Arrays.stream(ConfigKey.values()).map(ConfigKey::envVar)
                                        .collect(Collectors.joining(", "))));
                v.put(k, value);
            }
        });
        flags.forEach((k, value) -> {
            if (value != null) {
                v.put(k, value);
            }
        });
        return from(v);
    }

    private static void readFile(Path file, Map<ConfigKey, String> v) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
        for (String name : p.stringPropertyNames()) {
            ConfigKey k = ConfigKey.fromFileKey(name).orElseThrow(() -> new IllegalArgumentException("unknown key '"
                    + name + "' in " + file + ": valid keys are "
                    + Arrays.stream(ConfigKey.values()).map(ConfigKey::fileKey).collect(Collectors.joining(", "))));
            if (k.environmentOnly()) {
                throw new IllegalArgumentException("'" + name + "' in " + file
                        + " is a secret read from the environment" + " only: set " + k.envVar() + " instead");
            }
            v.put(k, p.getProperty(name).trim());
        }
    }

    static Config from(Map<ConfigKey, String> v) {
        String storage = v.get(ConfigKey.STORAGE).trim().toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("duckdb", "postgres", "memory").contains(storage)) {
            throw new IllegalArgumentException("storage must be duckdb, postgres or memory, got '" + storage + "'");
        }
        if (storage.equals("postgres") && v.get(ConfigKey.POSTGRES_URL).isBlank()) {
            throw new IllegalArgumentException("storage=postgres needs postgres_url (OBSERVATORY_POSTGRES_URL)");
        }
        int port = intIn(v, ConfigKey.PORT, 0, 65535);
        String host = v.get(ConfigKey.HOST).trim();
        String base = v.get(ConfigKey.BASE_URL).trim();
        return new Config(host, port, Path.of(v.get(ConfigKey.DATA_DIR).trim()), storage,
                v.get(ConfigKey.POSTGRES_URL).trim(), v.get(ConfigKey.POSTGRES_USER).trim(),
                v.get(ConfigKey.POSTGRES_PASSWORD), list(v.get(ConfigKey.API_KEYS)), bool(v, ConfigKey.READ_ONLY),
                Set.copyOf(list(v.get(ConfigKey.TOOLSETS))), intIn(v, ConfigKey.OUTPUT_BUDGET_TOKENS, 500, 200_000),
                longIn(v, ConfigKey.MAX_BODY_BYTES, 1024, 1L << 32),
                Duration.ofSeconds(intIn(v, ConfigKey.REQUEST_TIMEOUT_SECONDS, 1, 86_400)),
                Duration.ofSeconds(intIn(v, ConfigKey.TOOL_TIMEOUT_SECONDS, 1, 3_600)),
                list(v.get(ConfigKey.ALLOWED_HOSTS)), list(v.get(ConfigKey.ALLOWED_ORIGINS)),
                base.isEmpty() ? null : base.replaceAll("/+$", ""), bool(v, ConfigKey.DEMO),
                intIn(v, ConfigKey.MLFLOW_MAX_METRICS_PER_BATCH, 1000, 100_000),
                longIn(v, ConfigKey.OTLP_MAX_BODY_BYTES, 1024, 1L << 31),
                intIn(v, ConfigKey.OTLP_MAX_CONCURRENT_REQUESTS, 1, 1024), bool(v, ConfigKey.SELF_TRACING),
                v.get(ConfigKey.OTLP_EXPORT_ENDPOINT).trim(), v.get(ConfigKey.OTLP_EXPORT_API_KEY), blobs(v), traces(v),
                opsMetrics(v), longIn(v, ConfigKey.METRICS_MAX_BODY_BYTES, 1024, 1L << 31), datasets(v), ops(v),
                jobs(v), releases(v), list(v.get(ConfigKey.BENCHMARK_ALLOWED_HOSTS)), query(v), metricDurability(v));
    }

    /** metric_durability: fsync, process or commit (decision 0018). */
    private static String metricDurability(Map<ConfigKey, String> v) {
        String d = v.get(ConfigKey.METRIC_DURABILITY).trim().toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("fsync", "process", "commit").contains(d)) {
            throw new IllegalArgumentException("metric_durability must be fsync, process or commit, got '" + d + "'");
        }
        return d;
    }

    /** query_timeout_seconds, query_max_rows and the ai_query_* keys (the API key from the environment only). */
    private static dev.observatory.core.query.QuerySettings query(Map<ConfigKey, String> v) {
        String url = v.get(ConfigKey.AI_QUERY_URL).trim();
        dev.observatory.core.query.QuerySettings.AiEndpoint ai = url.isEmpty() ? null
                : new dev.observatory.core.query.QuerySettings.AiEndpoint(url, v.get(ConfigKey.AI_QUERY_MODEL).trim(),
                        blankToNull(v.get(ConfigKey.AI_QUERY_API_KEY)));
        return new dev.observatory.core.query.QuerySettings(intIn(v, ConfigKey.QUERY_MAX_ROWS, 1, 5_000),
                Duration.ofSeconds(intIn(v, ConfigKey.QUERY_TIMEOUT_SECONDS, 1, 3_600)), ai);
    }

    /** prometheus_url, prometheus_timeout_seconds and metrics_retention_days. */
    private static OpsMetricsSettings opsMetrics(Map<ConfigKey, String> v) {
        return OpsMetricsSettings.of(v.get(ConfigKey.PROMETHEUS_URL),
                intIn(v, ConfigKey.PROMETHEUS_TIMEOUT_SECONDS, 1, 3_600),
                intIn(v, ConfigKey.METRICS_RETENTION_DAYS, 0, 36_500));
    }

    /** The base URL for deep links: configured, else derived from host and the actual port. */
    public String baseUrl(int actualPort) {
        if (baseUrl != null) {
            return baseUrl;
        }
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + actualPort;
    }

    /**
     * The deployment runtime: defaults under data_dir (processes in deployments/, logs in deployment-logs/, 300 s to
     * turn healthy, 10 s grace); no keys of its own yet.
     */
    public dev.observatory.core.deploy.DeploymentSettings deployments() {
        return dev.observatory.core.deploy.DeploymentSettings.defaults(dataDir);
    }

    /** A copy with another port (tests and `serve --port`). */
    public Config withPort(int p) {
        return new Config(host, p, dataDir, storage, postgresUrl, postgresUser, postgresPassword, apiKeys, readOnly,
                toolsets, outputBudgetTokens, maxBodyBytes, requestTimeout, toolTimeout, allowedHosts, allowedOrigins,
                baseUrl, demo, mlflowMaxMetricsPerBatch, otlpMaxBodyBytes, otlpMaxConcurrentRequests, selfTracing,
                otlpExportEndpoint, otlpExportApiKey, blobs, traces, opsMetrics, metricsMaxBodyBytes, datasets, ops,
                jobs, releases, benchmarkAllowedHosts, query, metricDurability);
    }

    /** release_repo, release_branch, the pull-request keys and allow_production_changes. */
    private static ReleaseSettings releases(Map<ConfigKey, String> v) {
        String provider = v.get(ConfigKey.RELEASE_PR_PROVIDER).trim().toLowerCase(java.util.Locale.ROOT);
        if (!provider.isEmpty() && !provider.equals("github") && !provider.equals("gitlab")) {
            throw new IllegalArgumentException("release_pr_provider must be github or gitlab, not '" + provider + "'");
        }
        String repo = v.get(ConfigKey.RELEASE_REPO).trim();
        return new ReleaseSettings(repo.isEmpty() ? null : repo, blankToNull(v.get(ConfigKey.RELEASE_BRANCH)),
                Path.of(v.get(ConfigKey.DATA_DIR).trim()), bool(v, ConfigKey.ALLOW_PRODUCTION_CHANGES),
                blankToNull(provider), blankToNull(v.get(ConfigKey.RELEASE_PR_REPO)),
                v.get(ConfigKey.GITHUB_API_URL).trim(), v.get(ConfigKey.GITLAB_API_URL).trim(),
                blankToNull(v.get(ConfigKey.GITHUB_TOKEN)), blankToNull(v.get(ConfigKey.GITLAB_TOKEN)), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** trace_retention_days, trace_model_prices and trace_alert_thresholds (checked here, at start-up). */
    private static TraceSettings traces(Map<ConfigKey, String> v) {
        return TraceSettings.of(v.get(ConfigKey.TRACE_MODEL_PRICES), v.get(ConfigKey.TRACE_ALERT_THRESHOLDS),
                intIn(v, ConfigKey.TRACE_RETENTION_DAYS, 0, 36_500));
    }

    /** dataset_roots and model_roots (comma lists; empty: under data_dir). */
    private static DatasetSettings datasets(Map<ConfigKey, String> v) {
        Path dataDir = Path.of(v.get(ConfigKey.DATA_DIR).trim());
        List<Path> data = list(v.get(ConfigKey.DATASET_ROOTS)).stream().map(Path::of).toList();
        List<Path> models = list(v.get(ConfigKey.MODEL_ROOTS)).stream().map(Path::of).toList();
        DatasetSettings defaults = DatasetSettings.under(dataDir);
        return new DatasetSettings(data.isEmpty() ? defaults.datasetRoots() : data,
                models.isEmpty() ? defaults.modelRoots() : models);
    }

    /** slo_definitions and the alert_* keys. */
    private static OpsConfig ops(Map<ConfigKey, String> v) {
        return OpsConfig.of(v.get(ConfigKey.SLO_DEFINITIONS),
                intIn(v, ConfigKey.ALERT_EVAL_INTERVAL_SECONDS, 0, 86_400), v.get(ConfigKey.ALERT_SINKS),
                v.get(ConfigKey.ALERT_FILE_DIR), Path.of(v.get(ConfigKey.DATA_DIR).trim()),
                bool(v, ConfigKey.ALERT_WEBHOOK_ALLOW_PRIVATE), bool(v, ConfigKey.ALERT_WEBHOOK_ALLOW_LOOPBACK),
                bool(v, ConfigKey.ALERT_WEBHOOK_ALLOW_LINK_LOCAL));
    }

    /**
     * job_roots, job_max_concurrent, job_grace_seconds, job_log_max_mb, job_log_files, job_sample_seconds, job_prices,
     * job_checkpoint_patterns, job_checkpoint_scan_seconds.
     */
    private static JobSettings jobs(Map<ConfigKey, String> v) {
        Path dataDir = Path.of(v.get(ConfigKey.DATA_DIR).trim());
        JobSettings d = JobSettings.defaults(dataDir);
        List<Path> roots = list(v.get(ConfigKey.JOB_ROOTS)).stream().map(r -> Path.of(r).toAbsolutePath()).toList();
        return new JobSettings(roots.isEmpty() ? d.roots() : roots, d.logDir(),
                intIn(v, ConfigKey.JOB_MAX_CONCURRENT, 1, 1024),
                Duration.ofSeconds(intIn(v, ConfigKey.JOB_GRACE_SECONDS, 0, 86_400)),
                longIn(v, ConfigKey.JOB_LOG_MAX_MB, 1, 1 << 20) << 20, intIn(v, ConfigKey.JOB_LOG_FILES, 0, 64),
                Duration.ofSeconds(intIn(v, ConfigKey.JOB_SAMPLE_SECONDS, 1, 3_600)), d.tick(),
                PriceTable.parse(v.get(ConfigKey.JOB_PRICES)))
                        .withCheckpoints(CheckpointScan.parse(v.get(ConfigKey.JOB_CHECKPOINT_PATTERNS),
                                intIn(v, ConfigKey.JOB_CHECKPOINT_SCAN_SECONDS, 1, 86_400)));
    }

    /** blob_store and the s3_* keys; the filesystem store lives under {@code <data_dir>/blobs}. */
    private static BlobSettings blobs(Map<ConfigKey, String> v) {
        return new BlobSettings(v.get(ConfigKey.BLOB_STORE), Path.of(v.get(ConfigKey.DATA_DIR).trim()).resolve("blobs"),
                v.get(ConfigKey.S3_BUCKET), v.get(ConfigKey.S3_PREFIX), v.get(ConfigKey.S3_ENDPOINT),
                v.get(ConfigKey.S3_REGION), bool(v, ConfigKey.S3_PATH_STYLE), v.get(ConfigKey.S3_ACCESS_KEY_ID),
                v.get(ConfigKey.S3_SECRET_ACCESS_KEY));
    }

    @Override
    public String toString() {
        return "Config[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", storage=" + storage
                + ", postgresUrl=" + postgresUrl + ", apiKeys=" + apiKeys.size() + " configured, readOnly=" + readOnly
                + ", toolsets=" + toolsets + "]";
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static boolean bool(Map<ConfigKey, String> v, ConfigKey k) {
        String s = v.get(k).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new IllegalArgumentException(k.fileKey() + " must be true or false, got '" + s + "'");
        };
    }

    private static int intIn(Map<ConfigKey, String> v, ConfigKey k, int min, int max) {
        return (int) longIn(v, k, min, max);
    }

    private static long longIn(Map<ConfigKey, String> v, ConfigKey k, long min, long max) {
        String s = v.get(k).trim();
        try {
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException(
                        k.fileKey() + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k.fileKey() + " must be a whole number, got '" + s + "'");
        }
    }
}
