package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.Project;
import dev.observatory.store.ConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projects, plus the storage-wide health, kind and size. */
abstract class ProjectContract extends StorageFixture {

    @Test
    void createsAProjectWithItsDescriptionAndCreationTime() {
        Instant before = Instant.now().minusSeconds(1);

        Project created = storage.projects().create("vision", "image models");

        assertThat(created.name()).isEqualTo("vision");
        assertThat(created.description()).isEqualTo("image models");
        assertThat(created.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(storage.projects().get("vision")).contains(created);
    }

    @Test
    void rejectsADuplicateProjectName() {
        storage.projects().create("vision", null);

        assertThatThrownBy(() -> storage.projects().create("vision", "again")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("vision");
        assertThat(storage.projects().list()).hasSize(1);
    }

    @Test
    void getOrCreateReturnsTheExistingProjectUnchanged() {
        Project created = storage.projects().create("vision", "image models");

        assertThat(storage.projects().getOrCreate("vision")).isEqualTo(created);
        assertThat(storage.projects().list()).containsExactly(created);
    }

    @Test
    void getOrCreateCreatesAMissingProject() {
        Project created = storage.projects().getOrCreate("speech");

        assertThat(created.name()).isEqualTo("speech");
        assertThat(created.createdAt()).isNotNull();
        assertThat(storage.projects().get("speech")).contains(created);
    }

    @Test
    void getOfAnUnknownProjectIsEmpty() {
        assertThat(storage.projects().get("nope")).isEmpty();
    }

    @Test
    void listsProjectsOrderedByName() {
        for (String name : List.of("zeta", "alpha", "mid")) {
            storage.projects().create(name, null);
        }

        assertThat(storage.projects().list()).extracting(Project::name).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void countsRunsPerProject() {
        for (String name : List.of("a", "b", "empty")) {
            project(name);
        }
        run("a", "one");
        run("a", "two");
        run("b", "one");

        Map<String, Long> counts = storage.projects().runCounts();

        assertThat(counts).containsEntry("a", 2L).containsEntry("b", 1L);
        assertThat(counts.getOrDefault("empty", 0L)).isZero();
    }

    @Test
    void reportsItselfHealthyWithItsKind() {
        assertThat(storage.check().ok()).isTrue();
        assertThat(storage.kind()).isIn("memory", "duckdb", "postgres");
        assertThat(storage.sizeBytes()).isGreaterThanOrEqualTo(-1);
    }
}
