package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server (Jetty 12, servlets): REST {@code /api/v1}, {@code /health}, {@code /metrics} and the servlets other
 * modules mount (MCP at {@code /mcp}, the tool bridge). One filter in front of every servlet checks Host/Origin,
 * authenticates API keys, limits body sizes, maps errors to JSON and records request metrics.
 *
 * <pre>
 * HttpServer s = HttpServer.builder().port(0).tracking(tracking).meters(meters).auth(auth).build();
 * s.start();
 * int port = s.port();
 * </pre>
 */
public final class HttpServer {
    /** Request attribute holding the authenticated {@link dev.observatory.core.Actor} (anonymous when auth is off). */
    public static final String ACTOR_ATTRIBUTE = "observatory.actor";
    /**
     * Request attribute holding the caller's {@code Set<ApiKey.Scope>} (read, write and admin when auth is off), for
     * servlets that check scopes per operation.
     */
    public static final String SCOPES_ATTRIBUTE = "observatory.scopes";
    /** Request attribute holding the request id (also sent as the {@code X-Request-Id} response header). */
    public static final String REQUEST_ID_ATTRIBUTE = "observatory.request_id";

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private final Server server;
    private final ServerConnector connector;
    private final Router router;
    private final String host;
    private final int requestedPort;

    private HttpServer(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        Meters meters = b.meters == null ? new Meters() : b.meters;
        ApiKeyAuth auth = b.auth == null ? new ApiKeyAuth(b.tracking.store().keys(), List.of()) : b.auth;
        RequestMetrics metrics = new RequestMetrics(meters, b.tracking.store());
        this.router = new Router();
        new ServiceRoutes(b.tracking, meters, b.version).register(router);
        new ProjectRoutes(b.tracking).register(router);
        new RunRoutes(b.tracking).register(router);
        new MetricRoutes(b.tracking, metrics).register(router);
        new LogRoutes(b.tracking, metrics).register(router);
        new ArtifactRoutes(b.tracking).register(router);
        new ArtifactBrowseRoutes(b.tracking).register(router);
        new OpsRoutes(b.tracking).register(router);
        new JobRoutes(b.tracking).register(router);
        new ReleaseRoutes(b.tracking).register(router);
        new RegistryRoutes(b.tracking).register(router);
        new QueryRoutes(b.tracking).register(router);
        new EvalRoutes(b.tracking).register(router);
        new DeploymentRoutes(b.tracking).register(router);

        QueuedThreadPool pool = new QueuedThreadPool(200, 4, 60_000);
        pool.setName("http");
        server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setUriCompliance(
                UriCompliance.DEFAULT.with("observatory", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(b.host);
        connector.setPort(b.port);
        connector.setIdleTimeout(b.settings.requestTimeout().toMillis());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        context.setErrorHandler(new JsonErrorHandler());
        FilterHolder filter = new FilterHolder(
                new RequestFilter(new OriginPolicy(b.settings.allowedHosts(), b.settings.allowedOrigins(), b.host),
                        auth, b.settings, metrics));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("rest", new RestServlet(router)), "/");
        for (Mount m : b.mounts) {
            ServletHolder h = new ServletHolder(m.servlet());
            h.setAsyncSupported(m.asyncSupported());
            context.addServlet(h, m.pathSpec());
        }
        server.setHandler(context);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(b.stopTimeout.toMillis());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening; IllegalStateException (saying which address) when the port is taken or startup fails. */
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String where = host + ":" + requestedPort;
            throw new IllegalStateException(root instanceof BindException
                    ? "cannot listen on " + where + ": the port is in use; stop the other process or pick another"
                            + " port (--port / OBSERVATORY_PORT)"
                    : "cannot start the HTTP server on " + where + ": " + root.getMessage(), e);
        }
        LOG.info("HTTP server listening on http://{}:{}", host.contains(":") ? "[" + host + "]" : host, port());
    }

    /** The port actually bound (useful with port 0); -1 before start. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting requests and lets in-flight ones finish (up to the stop timeout, 5 s by default). */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // startup already failed; that error is the one to report
        }
    }

    /** The REST routes as "METHOD pattern", for documentation checks. */
    List<String> routes() {
        return router.routes().stream().map(r -> r.method() + " " + r.pattern()).toList();
    }

    private record Mount(String pathSpec, HttpServlet servlet, boolean asyncSupported) {
    }

    /** Builds an {@link HttpServer}; only {@code tracking} is required. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8765;
        private HttpSettings settings = HttpSettings.defaults();
        private Tracking tracking;
        private Meters meters;
        private ApiKeyAuth auth;
        private String version = "dev";
        private Duration stopTimeout = Duration.ofSeconds(5);
        private final List<Mount> mounts = new ArrayList<>();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder settings(HttpSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder tracking(Tracking tracking) {
            this.tracking = Objects.requireNonNull(tracking, "tracking");
            return this;
        }

        /** Where request, ingest and store metrics are registered (a new registry when not set). */
        public Builder meters(Meters meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** API key authentication (default: keys from the store only). */
        public Builder auth(ApiKeyAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Version reported by /health. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** How long {@link HttpServer#stop()} lets in-flight requests finish (default 5 s; zero stops at once). */
        public Builder stopTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must be zero or positive, got " + timeout);
            }
            this.stopTimeout = timeout;
            return this;
        }

        /**
         * Mounts a servlet (e.g. MCP at {@code "/mcp"}); the security filter, body limit and metrics apply to it. Exact
         * path specs win over the REST servlet, which serves everything else.
         */
        public Builder addServlet(String pathSpec, HttpServlet servlet, boolean asyncSupported) {
            mounts.add(new Mount(Objects.requireNonNull(pathSpec, "pathSpec"),
                    Objects.requireNonNull(servlet, "servlet"), asyncSupported));
            return this;
        }

        public HttpServer build() {
            if (tracking == null) {
                throw new IllegalStateException("HttpServer needs tracking(...)");
            }
            return new HttpServer(this);
        }
    }
}
