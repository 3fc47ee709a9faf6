package dev.observatory.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.store.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTopologyTest extends ReleaseTestBase {

    @Test
    void readsEveryMachinesGpuAllocationAndFreeGpusFromARealGitRepository() throws Exception {
        Topology t = releases().topology(null);
        assertThat(t.commitId()).isEqualTo(repo.main().name());
        assertThat(t.branch()).isEqualTo("main");
        assertThat(t.conflicts()).isEmpty();
        assertThat(t.machines()).extracting(MachineTopology::machine).containsExactly("gpu-worker-01", "gpu-worker-02");
        MachineTopology w1 = t.machines().get(0);
        assertThat(w1.gpuType()).isEqualTo("A100-80GB");
        assertThat(w1.allocations()).extracting(GpuAllocation::gpu).containsExactly(0, 1, 2, 3, 4);
        assertThat(w1.allocations().get(4).deployments()).containsExactly("whisper");
        assertThat(w1.freeGpus()).containsExactly(5, 6, 7);
        assertThat(w1.ports()).containsEntry(8000, "llama-chat").containsEntry(8001, "llama-chat").containsEntry(9000,
                "whisper");
        assertThat(t.deploymentCount()).isEqualTo(3);
        assertThat(t.freeGpuCount()).isEqualTo(3 + 3);
    }

    @Test
    void reportsGpusAssignedTwicePortClashesOverAllocationAndUnknownVersionsAndTemplates() throws Exception {
        repo.write("machines/gpu-worker-02.yaml", """
                machine: gpu-worker-02
                gpus: 4
                deployments:
                  - name: a
                    model: llama-3-70b
                    version: 1
                    template: tgi
                    port: 8000
                    gpus: [0, 1]
                  - name: b
                    model: llama-3-70b
                    version: 7
                    template: nope
                    port: 8000
                    gpus: [1, 4]
                """);
        repo.commit("conflicting change");
        MachineTopology w2 = releases().topology("gpu-worker-02").machines().get(0);
        assertThat(w2.conflicts()).extracting(ReleaseConflict::kind).containsExactlyInAnyOrder(
                ReleaseConflict.GPU_DOUBLE_ASSIGNED, ReleaseConflict.GPU_OUT_OF_RANGE, ReleaseConflict.PORT_CLASH,
                ReleaseConflict.UNKNOWN_TEMPLATE, ReleaseConflict.UNKNOWN_MODEL_VERSION);
        assertThat(w2.conflicts()).allSatisfy(c -> {
            assertThat(c.file()).isEqualTo("machines/gpu-worker-02.yaml");
            assertThat(c.line()).isEqualTo(10);
        });
        assertThat(w2.conflicts()).filteredOn(c -> c.kind().equals(ReleaseConflict.GPU_DOUBLE_ASSIGNED)).singleElement()
                .extracting(ReleaseConflict::message).asString().contains("GPU 1", "a", "b");
        assertThat(w2.allocations().get(1).deployments()).containsExactly("a", "b");
        assertThat(w2.freeGpus()).containsExactly(2, 3);
    }

    @Test
    void aYamlSyntaxErrorIsReportedWithTheFileAndLineAndDoesNotHideTheOtherMachines() throws Exception {
        repo.write("machines/broken.yaml", "machine: broken\ngpus: 2\ndeployments:\n  - name: [unclosed\n");
        repo.commit("broken file");
        Topology t = releases().topology(null);
        assertThat(t.machines()).hasSize(2);
        assertThat(t.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ReleaseConflict.INVALID_FILE);
            assertThat(c.file()).isEqualTo("machines/broken.yaml");
            assertThat(c.line()).isBetween(4, 5);
            assertThat(c.message()).startsWith("machines/broken.yaml line ");
        });
        assertThatThrownBy(() -> releases().config("machines/broken.yaml")).isInstanceOf(ReleaseYamlException.class)
                .hasMessageContaining("machines/broken.yaml line");
    }

    @Test
    void aSchemaErrorNamesFileLineAndThePathOfTheValue() {
        String yaml = "machine: w\ngpus: 2\ndeployments:\n  - name: x\n    model: m\n    version: 1\n"
                + "    template: vllm\n    port: 8000\n    gpus: zero\n";
        assertThatThrownBy(() -> ReleaseYaml.parse("machines/w.yaml", yaml)).isInstanceOf(ReleaseYamlException.class)
                .hasMessage("machines/w.yaml line 9, deployments[0].gpus: expected a list of GPU ids");
        assertThatThrownBy(() -> ReleaseYaml.parse("m.yaml", "machine: w\ngpus: 2\ngpu_typo: x\n"))
                .hasMessageStartingWith("m.yaml line 3, gpu_typo: unknown key");
    }

    @Test
    void cachesTheParsedRepositoryByCommitIdAndRereadsAfterANewCommit() throws Exception {
        Releases r = releases();
        ReleaseSnapshot first = r.snapshot();
        assertThat(r.snapshot()).isSameAs(first);
        assertThat(new Releases(tracking).snapshot()).isSameAs(first);
        repo.write("machines/gpu-worker-03.yaml", "machine: gpu-worker-03\ngpus: 2\n");
        repo.commit("new machine");
        ReleaseSnapshot second = r.snapshot();
        assertThat(second).isNotSameAs(first);
        assertThat(second.configs()).hasSize(3);
    }

    @Test
    void aNewCommitReparsesOnlyTheFilesItChangedAndSeesEachChange() throws Exception {
        Releases r = releases();
        ReleaseSnapshot first = r.snapshot();
        repo.write("machines/gpu-worker-02.yaml", ReleaseRepoFixture.WORKER_2.replace("gpus: 4", "gpus: 6"));
        repo.write("machines/broken.yaml", "machine: [unclosed\n");
        repo.commit("grow worker 2, add a broken file");

        ReleaseSnapshot second = r.snapshot();
        assertThat(second.machine("gpu-worker-01").orElseThrow()).as("unchanged file: the parsed config is reused")
                .isSameAs(first.machine("gpu-worker-01").orElseThrow());
        assertThat(second.machine("gpu-worker-02").orElseThrow().gpuCount()).isEqualTo(6);
        assertThat(second.errors()).extracting(ReleaseYamlException::file).containsExactly("machines/broken.yaml");

        repo.write("machines/gpu-worker-02.yaml", ReleaseRepoFixture.WORKER_2);
        java.nio.file.Files.delete(repo.dir.resolve("machines/broken.yaml"));
        repo.git.rm().addFilepattern("machines/broken.yaml").call();
        repo.commit("back to 4 GPUs");
        ReleaseSnapshot third = r.snapshot();
        assertThat(third.machine("gpu-worker-02").orElseThrow().gpuCount()).isEqualTo(4);
        assertThat(third.errors()).isEmpty();
        assertThat(third.texts()).containsOnlyKeys("machines/gpu-worker-01.yaml", "machines/gpu-worker-02.yaml");
    }

    @Test
    void listsPlacementsByModelAndTheBuiltInTemplates() {
        List<ModelPlacement> llama = releases().placements("llama-3-70b");
        assertThat(llama).extracting(ModelPlacement::version, ModelPlacement::machine, ModelPlacement::deployment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "gpu-worker-02", "llama-small"),
                        org.assertj.core.groups.Tuple.tuple("2", "gpu-worker-01", "llama-chat"));
        assertThat(releases().placements(null)).hasSize(3);
        assertThat(releases().templates()).extracting(DockerTemplate::name).containsExactly("vllm", "tgi", "triton",
                "custom");
        assertThat(releases().templates().get(0).command()).contains("{model_path}", "{port}");
    }

    @Test
    void aRepositoryTemplateIsListedNextToTheBuiltInOnes() throws Exception {
        repo.write("templates/onnx.yaml",
                "name: onnx\napi: custom\ncommand: [onnx-serve, --port, '{port}']\n" + "port: 8500\n");
        repo.commit("onnx template");
        assertThat(releases().templates()).extracting(DockerTemplate::name, DockerTemplate::source)
                .contains(org.assertj.core.groups.Tuple.tuple("onnx", "templates/onnx.yaml"));
        assertThat(releases().snapshot().configs()).hasSize(2);
    }

    @Test
    void unknownMachinesAndAMissingRepositoryAreNotFound() {
        assertThatThrownBy(() -> releases().topology("gpu-worker-99")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("gpu-worker-99");
        Releases.configure(tracking, null);
        assertThatThrownBy(() -> releases().snapshot()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("release_repo");
        assertThat(releases().templates()).hasSize(4);
    }
}
