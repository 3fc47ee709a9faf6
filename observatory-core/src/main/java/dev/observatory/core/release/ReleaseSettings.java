package dev.observatory.core.release;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the release repository is and how proposals reach a human reviewer. Tokens come from the environment only and
 * never appear in {@link #toString()}, logs or results.
 *
 * @param repo
 *            a local clone (path) or a remote URL (cloned bare into {@code dataDir/release-repo}); null: none
 * @param branch
 *            the branch that describes production; null for main (or master when there is no main)
 * @param dataDir
 *            where a remote repository is cloned
 * @param allowProductionChanges
 *            the gate for propose_release_config (OBSERVATORY_ALLOW_PRODUCTION_CHANGES)
 * @param prProvider
 *            github or gitlab; null: guessed from the remote URL's host
 * @param prRepo
 *            GitHub owner/name or GitLab project path or id; null: taken from the remote URL's path
 * @param refresh
 *            how long a fetched remote is trusted before the next fetch
 */
public record ReleaseSettings(String repo, String branch, Path dataDir, boolean allowProductionChanges,
        String prProvider, String prRepo, String githubApiUrl, String gitlabApiUrl, String githubToken,
        String gitlabToken, Duration refresh) {

    public static final String GITHUB_API = "https://api.github.com";
    public static final String GITLAB_API = "https://gitlab.com/api/v4";

    public ReleaseSettings {
        githubApiUrl = githubApiUrl == null || githubApiUrl.isBlank() ? GITHUB_API : githubApiUrl;
        gitlabApiUrl = gitlabApiUrl == null || gitlabApiUrl.isBlank() ? GITLAB_API : gitlabApiUrl;
        refresh = refresh == null ? Duration.ofSeconds(60) : refresh;
    }

    /** A local repository with no pull-request remote. */
    public static ReleaseSettings local(Path repo, boolean allowProductionChanges) {
        return new ReleaseSettings(repo.toString(), null, repo.getParent(), allowProductionChanges, null, null, null,
                null, null, null, null);
    }

    /** The token of the provider, or null. */
    String token(String provider) {
        String t = "gitlab".equals(provider) ? gitlabToken : githubToken;
        return t == null || t.isBlank() ? null : t;
    }

    boolean isRemote() {
        return repo != null && (repo.contains("://") || repo.startsWith("git@"));
    }

    @Override
    public String toString() {
        return "ReleaseSettings[repo=" + repo + ", branch=" + branch + ", allowProductionChanges="
                + allowProductionChanges + ", prProvider=" + prProvider + ", prRepo=" + prRepo + ", githubToken="
                + (githubToken == null ? "none" : "***") + ", gitlabToken=" + (gitlabToken == null ? "none" : "***")
                + "]";
    }
}
