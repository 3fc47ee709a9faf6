package dev.observatory.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.store.ConflictException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;

class ReleaseProposalTest extends ReleaseTestBase {

    @Test
    void aProposalCreatesABranchAndACommitAndLeavesMainUntouched() throws Exception {
        ObjectId mainBefore = repo.main();
        ReleaseProposal p = releases().propose(ADA, ProposalRequest.upsert("gpu-worker-01",
                deployment("llama-next", "llama-3-70b", "2", 8100, 5, 6), "Deploy llama 2 on the free GPUs"));

        assertThat(p.branch()).isEqualTo("observatory/deploy-llama-2-on-the-free-gpus-20260301-100000");
        assertThat(p.baseBranch()).isEqualTo("main");
        assertThat(p.baseCommitId()).isEqualTo(mainBefore.name());
        assertThat(repo.main()).isEqualTo(mainBefore);
        assertThat(repo.git.getRepository().getFullBranch()).isEqualTo("refs/heads/main");
        Repository git = repo.git.getRepository();
        ObjectId head = git.exactRef("refs/heads/" + p.branch()).getObjectId();
        assertThat(head.name()).isEqualTo(p.commitId());
        try (RevWalk rw = new RevWalk(git)) {
            RevCommit c = rw.parseCommit(head);
            assertThat(c.getParent(0).getId()).isEqualTo(mainBefore);
            assertThat(c.getFullMessage()).startsWith("Deploy llama 2 on the free GPUs").contains("ada");
            String text = read(git, c, "machines/gpu-worker-01.yaml");
            ReleaseConfig changed = ReleaseYaml.parse("x.yaml", text);
            assertThat(changed.deployments()).extracting(ReleaseDeployment::name).containsExactly("llama-chat",
                    "whisper", "llama-next");
        }
        assertThat(p.diff()).contains("+++ b/machines/gpu-worker-01.yaml").contains("+  - name: llama-next");
        assertThat(p.pullRequestUrl()).isNull();
        assertThat(p.pullRequestSkipped()).contains("no GitHub or GitLab remote");
        assertThat(store.audit().list(Long.MAX_VALUE, 10))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("release.propose"));
    }

    @Test
    void aProposalThatOverAllocatesGpusIsRefusedWithTheConflictAndWritesNothing() throws Exception {
        int refsBefore = repo.git.getRepository().getRefDatabase().getRefs().size();
        assertThatThrownBy(() -> releases().propose(ADA,
                ProposalRequest.upsert("gpu-worker-02", deployment("big", "llama-3-70b", "1", 8100, 2, 3, 4, 5), null)))
                        .isInstanceOf(ConflictException.class).hasMessageContaining("gpu_out_of_range")
                        .hasMessageContaining("GPU 4").hasMessageContaining("has 4 GPUs");
        assertThatThrownBy(() -> releases().propose(ADA,
                ProposalRequest.upsert("gpu-worker-01", deployment("clash", "llama-3-70b", "1", 8001, 3), null)))
                        .isInstanceOf(ConflictException.class).hasMessageContaining("gpu_double_assigned")
                        .hasMessageContaining("port_clash");
        assertThatThrownBy(() -> releases().propose(ADA,
                ProposalRequest.upsert("gpu-worker-01", deployment("ghost", "llama-3-70b", "9", 8100, 7), null)))
                        .isInstanceOf(ConflictException.class).hasMessageContaining("unknown_model_version");
        assertThat(repo.git.getRepository().getRefDatabase().getRefs()).hasSize(refsBefore);
    }

    @Test
    void aWholeFileProposalWithBrokenYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> releases().propose(ADA,
                ProposalRequest.file("gpu-worker-09", "machine: gpu-worker-09\ngpus: [\n", null)))
                        .isInstanceOf(ReleaseYamlException.class)
                        .hasMessageStartingWith("machines/gpu-worker-09.yaml line");
    }

    @Test
    void aNewMachineCanBeProposedAsAWholeFileAndADeploymentRemoved() throws Exception {
        ReleaseProposal add = releases().propose(ADA,
                ProposalRequest.file("gpu-worker-03", "machine: gpu-worker-03\ngpus: 2\n", "Add worker 3"));
        assertThat(add.file()).isEqualTo("machines/gpu-worker-03.yaml");
        assertThat(add.diff()).contains("new file mode");
        ReleaseProposal rm = releases().propose(ADA, ProposalRequest.remove("gpu-worker-01", "whisper", null));
        assertThat(rm.diff()).contains("-  - name: whisper").doesNotContain("+  - name: whisper");
        assertThat(rm.branch()).startsWith("observatory/remove-whisper-from-gpu-worker-01-");
    }

    @Test
    void proposalsNeedTheProductionGateAndAreRefusedInReadOnlyMode() {
        Releases.configure(tracking, ReleaseSettings.local(repo.dir, false));
        assertThat(releases().proposalsAllowed()).isFalse();
        assertThatThrownBy(() -> releases().propose(ADA, ProposalRequest.remove("gpu-worker-01", "whisper", null)))
                .isInstanceOf(ProductionChangesDisabledException.class)
                .hasMessageContaining("OBSERVATORY_ALLOW_PRODUCTION_CHANGES=true");
        Tracking readOnly = new Tracking(store, clock, true, auditor);
        Releases.configure(readOnly, ReleaseSettings.local(repo.dir, true));
        assertThat(new Releases(readOnly).proposalsAllowed()).isFalse();
        assertThatThrownBy(
                () -> new Releases(readOnly).propose(ADA, ProposalRequest.remove("gpu-worker-01", "whisper", null)))
                        .isInstanceOf(ReadOnlyException.class).hasMessageContaining("read-only");
        Releases.configure(readOnly, null);
    }

    static String read(Repository git, RevCommit c, String path) throws Exception {
        try (TreeWalk tw = TreeWalk.forPath(git, path, c.getTree())) {
            return new String(git.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
