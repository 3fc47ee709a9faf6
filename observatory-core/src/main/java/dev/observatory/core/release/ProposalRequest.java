package dev.observatory.core.release;

/**
 * A change to one machine's release config. Exactly one of {@code yaml} (the whole new file; also creates a machine),
 * {@code deployment} (add or replace the deployment of that name) and {@code removeDeployment} is given.
 *
 * @param title
 *            pull request title and commit subject; null for a generated one
 * @param description
 *            pull request body; may be null
 */
public record ProposalRequest(String machine, String yaml, ReleaseDeployment deployment, String removeDeployment,
        String title, String description) {

    public static ProposalRequest upsert(String machine, ReleaseDeployment d, String title) {
        return new ProposalRequest(machine, null, d, null, title, null);
    }

    public static ProposalRequest file(String machine, String yaml, String title) {
        return new ProposalRequest(machine, yaml, null, null, title, null);
    }

    public static ProposalRequest remove(String machine, String deployment, String title) {
        return new ProposalRequest(machine, null, null, deployment, title, null);
    }
}
