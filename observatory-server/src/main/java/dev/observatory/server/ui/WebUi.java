package dev.observatory.server.ui;

import dev.observatory.core.Tracking;
import dev.observatory.server.http.ApiKeyAuth;
import dev.observatory.server.http.HttpServer;
import java.util.function.BooleanSupplier;

/**
 * The web UI: HTML pages at {@code /}, {@code /projects/{name}}, {@code /runs/{id}} (also {@code ?metric=<key>} and
 * {@code /runs/{id}/logs}) and {@code /compare?runs=a,b}, static assets at {@code /ui/...} and the runs-table data at
 * {@code /ui/data/runs}; the sections' pages ({@code /models}, {@code /jobs}, {@code /traces}, {@code /slos},
 * {@code /artifacts}, see {@link SectionPages}) with their data at {@code /ui/data/traces} and {@code /ui/data/slos}.
 * Pages are shells: the browser loads their data from the REST API with plain JavaScript, so that with API keys
 * configured the key (entered once, kept in {@code sessionStorage}) travels as a header and never in a URL or cookie.
 *
 * <pre>
 * WebUi.mountOn(HttpServer.builder().tracking(tracking).auth(auth), tracking, auth::enabled).build();
 * </pre>
 */
public final class WebUi {
    /** The prefix of the UI's own data endpoints, which need a key like the REST API does. */
    static final String DATA_PREFIX = "/ui/data/";

    private WebUi() {
    }

    /**
     * Mounts the page, asset and data servlets. {@code authEnabled} tells whether API keys are in force: then pages
     * never look anything up before the browser has presented a key.
     */
    public static HttpServer.Builder mountOn(HttpServer.Builder builder, Tracking tracking,
            BooleanSupplier authEnabled) {
        PageServlet pages = new PageServlet(tracking, authEnabled);
        SectionPages sections = new SectionPages(tracking, authEnabled);
        return builder.addServlet("", pages, false).addServlet("/projects/*", pages, false)
                .addServlet("/runs/*", pages, false).addServlet("/compare", pages, false)
                .addServlet("/ui/*", new AssetServlet(new DataServlet(tracking)), false)
                .addServlet("/models/*", sections, false).addServlet("/jobs/*", sections, false)
                .addServlet("/traces/*", sections, false).addServlet("/slos/*", sections, false)
                .addServlet("/artifacts/*", sections, false);
    }

    /** Same as {@link #mountOn(HttpServer.Builder, Tracking, BooleanSupplier)} with the server's key check. */
    public static HttpServer.Builder mountOn(HttpServer.Builder builder, Tracking tracking, ApiKeyAuth auth) {
        return mountOn(builder, tracking, auth::enabled);
    }

    /**
     * True for requests the security filter lets through without an API key: GET/HEAD of a page shell or a static
     * asset. They carry no stored data when keys are in force; the data endpoints under {@code /ui/data/} are not
     * public.
     */
    public static boolean isPublicShell(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method) || path == null) {
            return false;
        }
        if (path.startsWith("/ui/")) {
            return !path.startsWith(DATA_PREFIX);
        }
        return path.equals("/") || path.equals("/compare") || path.startsWith("/projects/") || path.startsWith("/runs/")
                || isSectionPage(path);
    }

    /** {@code /models}, {@code /jobs/abc}, ...: the pages of {@link SectionPages}. */
    private static boolean isSectionPage(String path) {
        String[] parts = path.substring(1).split("/", 2);
        return SectionPages.SECTIONS.contains(parts[0]) && (parts.length == 1 || !parts[1].isEmpty());
    }
}
