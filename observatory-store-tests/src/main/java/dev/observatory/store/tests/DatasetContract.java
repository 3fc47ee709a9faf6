package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.dataset.Dataset;
import dev.observatory.model.dataset.NewDataset;
import dev.observatory.store.ConflictException;
import dev.observatory.store.DatasetStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registered datasets: unique names, metadata round trip, name-ordered pages. */
abstract class DatasetContract extends StorageFixture {

    DatasetStore datasets;

    @BeforeEach
    void datasets() {
        datasets = storage.datasets();
    }

    Dataset register(String name) {
        return datasets.register(new NewDataset(name, "/data/" + name, "image", "directory", "images of " + name,
                Map.of("files", 120, "bytes", 5_000_000_000L)));
    }

    @Test
    void registersADatasetAndReadsItBackWithItsMetadata() {
        Dataset d = register("cats");

        assertThat(datasets.get("cats")).contains(d);
        assertThat(d.path()).isEqualTo("/data/cats");
        assertThat(d.kind()).isEqualTo("image");
        assertThat(d.source()).isEqualTo("directory");
        assertThat(d.description()).isEqualTo("images of cats");
        assertThat(d.metadata()).containsEntry("files", 120).containsEntry("bytes", 5_000_000_000L);
        assertThat(datasets.get("dogs")).isEmpty();
    }

    @Test
    void refusesASecondDatasetWithTheSameName() {
        register("cats");
        assertThatThrownBy(() -> register("cats")).isInstanceOf(ConflictException.class).hasMessageContaining("cats");
        assertThat(datasets.count()).isEqualTo(1);
    }

    @Test
    void listsDatasetsByNamePaged() {
        register("zebras");
        register("ants");
        register("Moths");
        assertThat(datasets.list(10, 0)).extracting(Dataset::name).containsExactly("Moths", "ants", "zebras");
        assertThat(datasets.list(1, 1)).extracting(Dataset::name).containsExactly("ants");
        assertThat(datasets.count()).isEqualTo(3);
    }
}
