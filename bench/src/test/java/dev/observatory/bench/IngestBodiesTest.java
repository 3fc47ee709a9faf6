package dev.observatory.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IngestBodiesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyBodyIsAColumnarBatchOfTheRequestedSizeWithEqualColumnLengths() {
        IngestBodies bodies = IngestBodies.generate(1, 3, 10_000, 4);

        assertThat(bodies.bodies()).hasSize(3);
        for (byte[] b : bodies.bodies()) {
            JsonNode metrics = JSON.readTree(new String(b, StandardCharsets.UTF_8)).path("metrics");
            assertThat(metrics.propertyNames()).containsExactly("train/loss", "train/lr", "train/accuracy",
                    "train/grad_norm");
            int points = 0;
            for (JsonNode key : metrics) {
                assertThat(key.path("values").size()).isEqualTo(key.path("steps").size())
                        .isEqualTo(key.path("timestamps").size()).isEqualTo(2_500);
                points += key.path("steps").size();
            }
            assertThat(points).isEqualTo(bodies.pointsPerBatch()).isEqualTo(10_000);
        }
    }

    @Test
    void stepsIncreaseAcrossTheBatchesOfARunSoAFreshRunCanReplayThem() {
        IngestBodies bodies = IngestBodies.generate(1, 3, 200, 2);

        List<Long> steps = new ArrayList<>();
        for (byte[] b : bodies.bodies()) {
            JSON.readTree(new String(b, StandardCharsets.UTF_8)).path("metrics").path("train/loss").path("steps")
                    .forEach(s -> steps.add(s.asLong()));
        }
        assertThat(steps).hasSize(300).isSorted().doesNotHaveDuplicates().startsWith(0L).endsWith(299L);
    }

    @Test
    void theSameSeedGivesTheSameBodies() {
        assertThat(IngestBodies.generate(7, 2, 100, 1).bodies().get(1))
                .isEqualTo(IngestBodies.generate(7, 2, 100, 1).bodies().get(1))
                .isNotEqualTo(IngestBodies.generate(8, 2, 100, 1).bodies().get(1));
    }

    @Test
    void refusesABatchSizeThatDoesNotSplitEvenlyOverTheKeys() {
        assertThatThrownBy(() -> IngestBodies.generate(1, 1, 10_000, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of the number of keys");
    }

    @Test
    void lossValuesDecayLikeATrainingCurve() {
        var rnd = new java.util.SplittableRandom(3);
        double early = 0;
        double late = 0;
        for (int i = 0; i < 1000; i++) {
            early += TrainingCurves.LOSS.at(i, 1_000_000, rnd);
            late += TrainingCurves.LOSS.at(900_000 + i, 1_000_000, rnd);
        }
        assertThat(late).isLessThan(early / 2);
    }
}
