package dev.observatory.core.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository of release configs, made with JGit in a temporary directory. */
final class ReleaseRepoFixture implements AutoCloseable {
    static final String WORKER_1 = """
            machine: gpu-worker-01
            gpus: 8
            gpu_type: A100-80GB
            deployments:
              - name: llama-chat
                model: llama-3-70b
                version: 2
                template: vllm
                replicas: 2
                port: 8000
                gpus: [0, 1, 2, 3]
              - name: whisper
                model: audio-model-v3
                version: champion
                template: custom
                port: 9000
                gpus: [4]
            """;
    static final String WORKER_2 = """
            machine: gpu-worker-02
            gpus: 4
            deployments:
              - name: llama-small
                model: llama-3-70b
                version: 1
                template: tgi
                port: 8000
                gpus: [0]
            """;

    final Path dir;
    final Git git;

    ReleaseRepoFixture(Path dir) throws GitAPIException, IOException {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        write("machines/gpu-worker-01.yaml", WORKER_1);
        write("machines/gpu-worker-02.yaml", WORKER_2);
        write("README.md", "release configs\n");
        commit("initial topology");
    }

    void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    ObjectId commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Test", "test@localhost");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getId();
    }

    ObjectId main() throws IOException {
        return git.getRepository().exactRef("refs/heads/main").getObjectId();
    }

    @Override
    public void close() {
        git.close();
    }
}
