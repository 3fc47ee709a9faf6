package dev.observatory.server.http;

import dev.observatory.core.Actor;
import dev.observatory.model.ApiKey;
import dev.observatory.server.ui.WebUi;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every servlet (REST and the MCP/bridge servlets mounted by others): assigns a request id, checks Host and
 * Origin, authenticates the API key and checks its scope, limits the body size, maps escaping exceptions to JSON errors
 * and records request metrics.
 */
final class RequestFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RequestFilter.class);
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<ApiKey.Scope> OPEN_SCOPES = EnumSet.of(ApiKey.Scope.READ, ApiKey.Scope.WRITE,
            ApiKey.Scope.ADMIN);

    private final transient OriginPolicy origins;
    private final transient ApiKeyAuth auth;
    private final transient HttpSettings settings;
    private final transient RequestMetrics metrics;

    RequestFilter(OriginPolicy origins, ApiKeyAuth auth, HttpSettings settings, RequestMetrics metrics) {
        this.origins = origins;
        this.auth = auth;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
        req.setAttribute(HttpServer.REQUEST_ID_ATTRIBUTE, requestId);
        resp.setHeader("X-Request-Id", requestId);
        try {
            if (guard(req, resp)) {
                // artifact uploads stream into the blob store: not held to the JSON body limit
                long limit = ArtifactRoutes.isUpload(req.getMethod(), req.getRequestURI()) ? Long.MAX_VALUE
                        : settings.maxBodyBytes();
                chain.doFilter(new LimitedRequest(req, limit), resp);
            }
        } catch (IOException | ServletException | RuntimeException e) {
            fail(req, resp, e, requestId);
        } finally {
            record(req, resp, start);
        }
    }

    /** Checks Host, Origin, credentials and declared length; false when the request was answered here. */
    private boolean guard(HttpServletRequest req, HttpServletResponse resp) {
        String host = req.getHeader("Host");
        if (!origins.hostAllowed(host)) {
            throw new HttpError(403, "FORBIDDEN", "Host '" + host + "' is not allowed (DNS rebinding protection):"
                    + " add it to allowed_hosts (OBSERVATORY_ALLOWED_HOSTS)");
        }
        String origin = req.getHeader("Origin");
        if (!origins.originAllowed(origin)) {
            throw new HttpError(403, "FORBIDDEN", "Origin '" + origin + "' is not allowed: add it to allowed_origins"
                    + " (OBSERVATORY_ALLOWED_ORIGINS)");
        }
        if (origin != null) {
            Cors.allow(resp, origin);
            if (Cors.isPreflight(req)) {
                Cors.answerPreflight(resp);
                return false;
            }
        }
        authenticate(req);
        long declared = req.getContentLengthLong();
        if (declared > settings.maxBodyBytes() && !ArtifactRoutes.isUpload(req.getMethod(), req.getRequestURI())) {
            throw new HttpError(413, "PAYLOAD_TOO_LARGE",
                    "request body of " + declared + " bytes exceeds the limit of " + settings.maxBodyBytes()
                            + " bytes: send smaller batches or raise max_body_bytes (OBSERVATORY_MAX_BODY_BYTES)");
        }
        return true;
    }

    private void authenticate(HttpServletRequest req) {
        String path = req.getRequestURI();
        String surface = surface(path);
        String secret = credentials(req);
        boolean signedLink = path.equals(ArtifactRoutes.SIGNED) && req.getMethod().equals("GET");
        if (path.equals("/health") || WebUi.isPublicShell(req.getMethod(), path) || signedLink) {
            // a signed blob link is its own credential: the route checks its signature and expiry
            req.setAttribute(HttpServer.ACTOR_ATTRIBUTE, Actor.http("anonymous", surface, false));
            req.setAttribute(HttpServer.SCOPES_ATTRIBUTE, Set.of(ApiKey.Scope.READ));
            return;
        }
        ApiKeyAuth.Principal principal = null;
        if (secret != null) {
            principal = auth.verify(secret)
                    .orElseThrow(() -> new HttpError(401, "UNAUTHENTICATED",
                            "the API key is not valid (unknown or revoked): check the key or create one with"
                                    + " 'observatory keys create'"));
        } else if (settings.authRequired() || auth.enabled()) {
            throw new HttpError(401, "UNAUTHENTICATED",
                    "an API key is required: send 'Authorization: Bearer <key>'" + " or 'X-API-Key: <key>'");
        }
        if (principal != null) {
            ApiKey.Scope needed = WRITE_METHODS.contains(req.getMethod()) && path.startsWith("/api/v1")
                    ? ApiKey.Scope.WRITE
                    : ApiKey.Scope.READ;
            if (!principal.allows(needed)) {
                throw new HttpError(403, "FORBIDDEN", "the API key '" + principal.name() + "' lacks the "
                        + needed.name().toLowerCase(Locale.ROOT) + " scope needed for " + req.getMethod() + " " + path);
            }
        }
        req.setAttribute(HttpServer.ACTOR_ATTRIBUTE, principal == null ? Actor.http("anonymous", surface, false)
                : Actor.http(principal.name(), surface, principal.allows(ApiKey.Scope.PRODUCTION)));
        req.setAttribute(HttpServer.SCOPES_ATTRIBUTE, principal == null ? OPEN_SCOPES : principal.scopes());
    }

    static String surface(String path) {
        if (path.startsWith("/api/")) {
            return "rest";
        }
        if (path.equals("/tools") || path.startsWith("/tools/") || path.equals("/mcp/tool")
                || path.startsWith("/mcp/tool/")) {
            return "bridge";
        }
        return path.equals("/mcp") || path.startsWith("/mcp/") ? "mcp" : "rest";
    }

    private static String credentials(HttpServletRequest req) {
        String authz = req.getHeader("Authorization");
        if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authz.substring(7).trim();
        }
        String key = req.getHeader("X-API-Key");
        return key == null ? null : key.trim();
    }

    private void fail(HttpServletRequest req, HttpServletResponse resp, Exception e, String requestId)
            throws IOException {
        Throwable cause = e instanceof ServletException se && se.getRootCause() != null ? se.getRootCause() : e;
        if (ApiErrors.isClientGone(cause)) {
            LOG.debug("client went away during {} {}", req.getMethod(), req.getRequestURI());
            return;
        }
        ApiErrors.ApiError error = ApiErrors.map(cause);
        if (error == null) {
            LOG.error("{} {} failed (request id {})", req.getMethod(), req.getRequestURI(), requestId, cause);
            error = ApiErrors.internal(requestId);
        }
        if (resp.isCommitted()) {
            LOG.debug("cannot send error {} for {}: response already committed", error.code(), requestId);
            return;
        }
        UnreadBodies.closeIfUnread(req, resp);
        ApiErrors.write(resp, error, requestId);
    }

    private void record(HttpServletRequest req, HttpServletResponse resp, long start) {
        String method = req.getMethod();
        if (req.isAsyncStarted()) {
            AtomicBoolean done = new AtomicBoolean();
            req.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    finish(event);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    finish(event);
                }

                @Override
                public void onError(AsyncEvent event) {
                    finish(event);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }

                private void finish(AsyncEvent event) {
                    if (done.compareAndSet(false, true)) {
                        metrics.request(method, route(req), req.getRequestURI(), resp.getStatus(),
                                System.nanoTime() - start);
                    }
                }
            });
        } else {
            metrics.request(method, route(req), req.getRequestURI(), resp.getStatus(), System.nanoTime() - start);
        }
    }

    /** The route pattern for metrics: set by the router, else the servlet mapping ("unrouted" for the default). */
    private static String route(HttpServletRequest req) {
        Object r = req.getAttribute(Router.ROUTE_ATTRIBUTE);
        if (r != null) {
            return r.toString();
        }
        String pattern = req.getHttpServletMapping() == null ? null : req.getHttpServletMapping().getPattern();
        return pattern == null || pattern.isEmpty() || pattern.equals("/") ? "unrouted" : pattern;
    }
}
