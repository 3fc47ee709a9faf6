package dev.observatory.server.ui;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code /ui/*}: the UI's CSS, scripts and icon from the classpath folder {@code ui/}, ECharts at
 * {@code /ui/vendor/echarts.min.js} from the {@code org.mvnpm:echarts} jar, and {@code /ui/data/*} handed to the data
 * servlet. Assets are held in memory after the first request and revalidated by ETag.
 */
final class AssetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)?");
    private static final Map<String, String> TYPES = Map.of("css", "text/css;charset=utf-8", "js",
            "text/javascript;charset=utf-8", "svg", "image/svg+xml", "png", "image/png");
    private static final String ECHARTS = "vendor/echarts.min.js";

    private final transient DataServlet data;
    private final transient Map<String, Asset> cache = new ConcurrentHashMap<>();

    private record Asset(byte[] bytes, String type, String etag) {
    }

    AssetServlet(DataServlet data) {
        this.data = data;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.startsWith("/data/")) {
            data.service(req, resp);
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(405);
            return;
        }
        String name = path.length() > 1 ? path.substring(1) : "";
        Asset asset = NAME.matcher(name).matches() ? cache.computeIfAbsent(name, AssetServlet::load) : null;
        if (asset == null || asset.bytes().length == 0) {
            cache.remove(name);
            Html.securityHeaders(resp);
            resp.setStatus(404);
            resp.setContentType("text/plain;charset=utf-8");
            resp.getWriter().write("no UI asset named " + name);
            return;
        }
        Html.securityHeaders(resp);
        resp.setHeader("ETag", asset.etag());
        resp.setHeader("Cache-Control", "no-cache");
        if (asset.etag().equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(304);
            return;
        }
        resp.setContentType(asset.type());
        resp.setContentLength(asset.bytes().length);
        if (req.getMethod().equals("GET")) {
            resp.getOutputStream().write(asset.bytes());
        }
    }

    /** The asset's bytes; an empty asset when there is none of that name. */
    private static Asset load(String name) {
        String resource = name.equals(ECHARTS) ? echartsResource() : "ui/" + name;
        String ext = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (resource == null || type == null) {
            return new Asset(new byte[0], "", "");
        }
        try (InputStream in = AssetServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return new Asset(new byte[0], "", "");
            }
            byte[] bytes = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read UI asset " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Where the ECharts jar keeps its minified bundle (the path carries the version). */
    private static String echartsResource() {
        try (InputStream in = AssetServlet.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.mvnpm/echarts/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return "META-INF/resources/_static/echarts/" + p.getProperty("version") + "/dist/echarts.min.js";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ECharts version", e);
        }
    }
}
