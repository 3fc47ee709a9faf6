package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildQuery;
import dev.observatory.model.deploy.BuildStatus;
import dev.observatory.store.BuildStore;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Builds: stored whole, finished in place, listed newest first by name and status. */
abstract class BuildContract extends StorageFixture {
    BuildStore builds;

    @BeforeEach
    void builds() {
        builds = storage.builds();
    }

    static Build build(String id, String name, long second) {
        return new Build(id, name, "package", "/srv/ctx", "vllm", List.of("sh", "package.sh", "out/server.tar"),
                "out/server.tar", BuildStatus.RUNNING, null, null, "/logs/" + id + ".log", null, "ada", at(second),
                null);
    }

    @Test
    void storesABuildAndReadsItBackEqual() {
        Build b = build("b1", "tiny-server", 10);
        assertThat(builds.create(b)).isEqualTo(b);
        assertThat(builds.get("b1")).contains(b);
        assertThat(builds.get("b1").orElseThrow().argv()).containsExactly("sh", "package.sh", "out/server.tar");
        assertThat(builds.get("nope")).isEmpty();
        assertThatThrownBy(() -> builds.create(b)).isInstanceOf(ConflictException.class);
    }

    @Test
    void finishesABuildInPlaceWithExitCodeSizeAndDurationKeepingWhoStartedIt() {
        Build b = builds.create(build("b1", "tiny-server", 10));
        Instant end = Instant.ofEpochMilli(at(12).toEpochMilli() + 345);
        Build done = b.finished(BuildStatus.SUCCEEDED, 0, "built 2048 bytes", 2048L, end);
        assertThat(builds.update(done)).isEqualTo(done);
        Build read = builds.get("b1").orElseThrow();
        assertThat(read.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(read.exitCode()).isZero();
        assertThat(read.sizeBytes()).isEqualTo(2048L);
        assertThat(read.duration(end)).isEqualTo(Duration.ofMillis(2345));
        assertThat(read.createdBy()).isEqualTo("ada");

        Build failed = builds
                .update(build("b1", "tiny-server", 10).finished(BuildStatus.FAILED, 2, "exit 2", null, at(13)));
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.sizeBytes()).isNull();
        assertThatThrownBy(() -> builds.update(build("nope", "x", 1))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsNewestFirstFilteredByNameAndStatusWithCountAndPaging() {
        builds.create(build("b1", "a", 10));
        builds.create(build("b2", "b", 20));
        builds.create(build("b3", "a", 30));
        builds.update(builds.get("b1").orElseThrow().finished(BuildStatus.FAILED, 1, "exit 1", null, at(11)));
        assertThat(builds.list(BuildQuery.all(10))).extracting(Build::id).containsExactly("b3", "b2", "b1");
        assertThat(builds.list(new BuildQuery("a", Set.of(), 10, 0))).extracting(Build::id).containsExactly("b3", "b1");
        assertThat(builds.list(new BuildQuery(null, Set.of(BuildStatus.RUNNING), 10, 0))).extracting(Build::id)
                .containsExactly("b3", "b2");
        assertThat(builds.count(new BuildQuery("a", Set.of(BuildStatus.FAILED), 1, 0))).isEqualTo(1);
        assertThat(builds.list(new BuildQuery(null, Set.of(), 1, 1))).extracting(Build::id).containsExactly("b2");
        assertThat(builds.count(BuildQuery.all(1))).isEqualTo(3);
    }
}
