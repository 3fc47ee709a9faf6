package dev.observatory.server.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** HTML escaping, the security headers of every UI response, and the page shell all pages share. */
final class Html {
    /**
     * No inline script or style, nothing from other origins: scripts, styles, images and fetches come from this server
     * only. ECharts positions its tooltip through the CSSOM (allowed); style attributes in markup are not.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private Html() {
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Sets the headers every UI response carries: CSP, no sniffing, no framing, no referrer. */
    static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
    }

    /**
     * A page: the shared header and a main element holding {@code body}; {@code data} becomes {@code data-*} attributes
     * of the body for the page script (escaped), {@code scripts} are loaded deferred from {@code /ui/}.
     */
    static String page(String title, String page, Map<String, String> data, List<String> scripts, String body) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">").append("<title>")
                .append(escape(title)).append(" · Observatory</title>")
                .append("<link rel=\"icon\" href=\"/ui/favicon.svg\" type=\"image/svg+xml\">")
                .append("<link rel=\"stylesheet\" href=\"/ui/app.css\">")
                .append("<script src=\"/ui/theme.js\"></script>");
        for (String s : scripts) {
            b.append("<script src=\"/ui/").append(escape(s)).append("\" defer></script>");
        }
        b.append("</head><body data-page=\"").append(escape(page)).append('"');
        data.forEach((k, v) -> b.append(" data-").append(escape(k)).append("=\"").append(escape(v)).append('"'));
        b.append(">\n<a class=\"skip\" href=\"#main\">Skip to content</a>")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/\">")
                .append("<img src=\"/ui/favicon.svg\" alt=\"\" width=\"22\" height=\"22\"> Observatory</a>")
                .append(sections(page))
                .append("<nav aria-label=\"Breadcrumb\" id=\"crumbs\"></nav><span class=\"grow\"></span>")
                .append("<button type=\"button\" id=\"key-button\" class=\"ghost\" hidden>API key</button>")
                .append("<button type=\"button\" id=\"theme-button\" class=\"ghost\"")
                .append(" aria-label=\"Switch between dark and light theme\">Theme</button></header>\n")
                .append("<main id=\"main\" tabindex=\"-1\">").append(body).append("</main>\n</body></html>\n");
        return b.toString();
    }

    /** The top navigation between the sections; the current section carries {@code aria-current="page"}. */
    static String sections(String page) {
        String current = switch (page) {
            case "home", "project", "run", "compare" -> "/";
            case "models", "model" -> "/models";
            case "jobs", "job" -> "/jobs";
            case "traces", "trace" -> "/traces";
            case "slos" -> "/slos";
            case "artifacts", "artifact" -> "/artifacts";
            default -> "";
        };
        StringBuilder b = new StringBuilder("<nav aria-label=\"Sections\" class=\"sections\"><ul>");
        String[][] links = { { "/", "Projects" }, { "/models", "Models" }, { "/jobs", "Jobs" }, { "/traces", "Traces" },
                { "/artifacts", "Artifacts" }, { "/slos", "SLOs" } };
        for (String[] l : links) {
            b.append("<li><a href=\"").append(l[0]).append('"')
                    .append(l[0].equals(current) ? " aria-current=\"page\"" : "").append('>').append(l[1])
                    .append("</a></li>");
        }
        return b.append("</ul></nav>").toString();
    }

    /** Writes an HTML response with the security headers and no caching. */
    static void send(HttpServletResponse resp, int status, String html) throws IOException {
        securityHeaders(resp);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
