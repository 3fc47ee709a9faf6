package dev.observatory.core.release;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens a pull request (GitHub: {@code POST /repos/{owner}/{repo}/pulls}) or merge request (GitLab:
 * {@code POST /projects/:id/merge_requests}) through the provider's REST API with the JDK HttpClient. The token goes
 * only into the request's auth header; it is never logged or returned, and error texts from the provider are cut.
 */
final class PullRequests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REMOTE_PATH = Pattern
            .compile("^(?:[a-z+]+://(?:[^@/]+@)?[^/]+/|[^@]+@[^:]+:)(.+?)" + "(?:\\.git)?/?$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** What happened: the URL of the opened request, or why none was opened. */
    record Outcome(String url, String skipped) {
    }

    private PullRequests() {
    }

    /** github or gitlab from the settings, else from the remote URL's host; null when neither. */
    static String provider(ReleaseSettings s, String remoteUrl) {
        if (s.prProvider() != null && !s.prProvider().isBlank()) {
            return s.prProvider().trim().toLowerCase(java.util.Locale.ROOT);
        }
        if (remoteUrl == null) {
            return null;
        }
        return remoteUrl.contains("github.com") ? "github" : remoteUrl.contains("gitlab") ? "gitlab" : null;
    }

    /** owner/name (GitHub) or the project path (GitLab) from the settings, else from the remote URL. */
    static String repository(ReleaseSettings s, String remoteUrl) {
        if (s.prRepo() != null && !s.prRepo().isBlank()) {
            return s.prRepo().trim();
        }
        if (remoteUrl == null) {
            return null;
        }
        Matcher m = REMOTE_PATH.matcher(remoteUrl.trim());
        return m.matches() ? m.group(1) : null;
    }

    static Outcome open(String provider, String apiUrl, String repo, String token, String head, String base,
            String title, String body) {
        String api = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        Map<String, Object> payload = new LinkedHashMap<>();
        HttpRequest.Builder req;
        if ("gitlab".equals(provider)) {
            payload.put("source_branch", head);
            payload.put("target_branch", base);
            payload.put("title", title);
            payload.put("description", body);
            req = HttpRequest
                    .newBuilder(URI.create(
                            api + "/projects/" + URLEncoder.encode(repo, StandardCharsets.UTF_8) + "/merge_requests"))
                    .header("PRIVATE-TOKEN", token);
        } else {
            payload.put("title", title);
            payload.put("head", head);
            payload.put("base", base);
            payload.put("body", body);
            req = HttpRequest.newBuilder(URI.create(api + "/repos/" + repo + "/pulls"))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28");
        }
        HttpRequest request = req.timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("User-Agent", "observatory")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload))).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                return new Outcome(null, provider + " answered HTTP " + r.statusCode() + ": " + cut(r.body(), token));
            }
            JsonNode n = JSON.readTree(r.body());
            String url = n.path("gitlab".equals(provider) ? "web_url" : "html_url").asString(null);
            return url == null ? new Outcome(null, provider + " answered without a pull request URL")
                    : new Outcome(url, null);
        } catch (IOException e) {
            return new Outcome(null, "calling the " + provider + " API failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted while calling the " + provider + " API");
        } catch (RuntimeException e) {
            return new Outcome(null, provider + " answered something that is not JSON");
        }
    }

    private static String cut(String body, String token) {
        String b = body == null ? "" : body.replace(token, "***");
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }
}
