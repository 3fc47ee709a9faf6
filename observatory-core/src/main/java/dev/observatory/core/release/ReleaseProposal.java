package dev.observatory.core.release;

/**
 * A proposed production change: a commit on a new branch of the release repository (never on the production branch)
 * and, when a GitHub/GitLab remote and token are configured, the pull request a human reviews.
 *
 * @param branch
 *            the new branch, {@code observatory/<slug>-<timestamp>}
 * @param baseBranch
 *            the production branch the change is proposed against (left untouched)
 * @param diff
 *            unified diff of the change
 * @param pullRequestUrl
 *            the opened pull/merge request, null when none was opened
 * @param pullRequestSkipped
 *            why no pull request was opened (null when one was)
 */
public record ReleaseProposal(String machine, String file, String branch, String baseBranch, String baseCommitId,
        String commitId, String diff, String pullRequestUrl, String pullRequestSkipped) {
}
