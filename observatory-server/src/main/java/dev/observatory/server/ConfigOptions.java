package dev.observatory.server;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Flags shared by the commands that open the store; each maps onto a {@link ConfigKey}. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with configuration keys (see README).")
    Path configFile;

    @Option(names = "--host", description = "Interface to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "HTTP port (default 8765; 0 = any free port).")
    String port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./observatory-data).")
    String dataDir;

    @Option(names = "--storage", description = "duckdb (default), postgres or memory.")
    String storage;

    @Option(names = "--toolsets", description = "MCP toolsets, e.g. core,runs or all (default core).")
    String toolsets;

    @Option(names = "--read-only", description = "Refuse every write.")
    Boolean readOnly;

    Config load(Map<ConfigKey, String> extra) {
        Map<ConfigKey, String> f = new EnumMap<>(ConfigKey.class);
        put(f, ConfigKey.HOST, host);
        put(f, ConfigKey.PORT, port);
        put(f, ConfigKey.DATA_DIR, dataDir);
        put(f, ConfigKey.STORAGE, storage);
        put(f, ConfigKey.TOOLSETS, toolsets);
        put(f, ConfigKey.READ_ONLY, readOnly == null ? null : readOnly.toString());
        f.putAll(extra);
        return Config.load(configFile, System.getenv(), f);
    }

    private static void put(Map<ConfigKey, String> f, ConfigKey k, String v) {
        if (v != null) {
            f.put(k, v);
        }
    }
}
