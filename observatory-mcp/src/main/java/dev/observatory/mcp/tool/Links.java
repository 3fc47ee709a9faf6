package dev.observatory.mcp.tool;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Deep links into the web UI; every method returns null when no base URL is configured. */
public record Links(String baseUrl) {

    public String run(String runId) {
        return baseUrl == null ? null : baseUrl + "/runs/" + enc(runId);
    }

    public String project(String name) {
        return baseUrl == null ? null : baseUrl + "/projects/" + enc(name);
    }

    public String metric(String runId, String key) {
        return baseUrl == null ? null : baseUrl + "/runs/" + enc(runId) + "?metric=" + enc(key);
    }

    public String runLogs(String runId) {
        return baseUrl == null ? null : baseUrl + "/runs/" + enc(runId) + "/logs";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
