package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PostgresChunkPlanTest {

    private static final int MAX = 8192;

    /** A series' chunk sizes, driven through plans the way the writer applies them. */
    private static final class Chunks {
        final List<Integer> sizes = new ArrayList<>();
        int[] tail = new int[0];
        long written;

        void append(int points) {
            PgChunkPlan plan = PgChunkPlan.of(tail, points, MAX);
            int first = sizes.size() - tail.length + plan.keep();
            sizes.subList(first, sizes.size()).clear();
            sizes.addAll(plan.sizes());
            written += plan.sizes().stream().mapToLong(Integer::longValue).sum();
            tail = plan.tail();
        }

        long points() {
            return sizes.stream().mapToLong(Integer::longValue).sum();
        }
    }

    @Test
    void aLargeBatchBecomesFullChunksAndASealedRemainder() {
        PgChunkPlan plan = PgChunkPlan.of(new int[0], 20_000, MAX);

        assertThat(plan.keep()).isZero();
        assertThat(plan.sizes()).containsExactly(8192, 8192, 3616);
        assertThat(plan.tail()).isEmpty();
    }

    @Test
    void aBatchOfAtLeastTheSealedSizeRewritesNothingBehindASealedChunk() {
        Chunks chunks = new Chunks();
        for (int i = 0; i < 100; i++) {
            chunks.append(1000);
        }

        assertThat(chunks.sizes).hasSize(100).containsOnly(1000);
        assertThat(chunks.written).isEqualTo(100_000);
    }

    @Test
    void aLargeBatchAbsorbsTheSmallTailBeforeIt() {
        PgChunkPlan plan = PgChunkPlan.of(new int[] { 300, 40, 3 }, 600, MAX);

        assertThat(plan.keep()).isZero();
        assertThat(plan.sizes()).containsExactly(943);
        assertThat(plan.tail()).isEmpty();
    }

    @Test
    void eightSmallChunksOfATierMergeIntoOne() {
        assertThat(PgChunkPlan.of(new int[] { 1, 1, 1, 1, 1, 1, 1 }, 1, MAX))
                .isEqualTo(new PgChunkPlan(0, List.of(8), new int[] { 8 }));
        assertThat(PgChunkPlan.of(new int[] { 100, 10, 10 }, 5, MAX))
                .isEqualTo(new PgChunkPlan(3, List.of(5), new int[] { 100, 10, 10, 5 }));
        assertThat(PgChunkPlan.of(new int[] { 100, 10, 10 }, 20, MAX))
                .isEqualTo(new PgChunkPlan(3, List.of(20), new int[] { 100, 10, 10, 20 }));
    }

    @Test
    void oneByOneAppendsEndInSealedChunksWithEachPointWrittenAFewTimes() {
        Chunks chunks = new Chunks();
        for (int i = 0; i < 100_000; i++) {
            chunks.append(1);
        }

        assertThat(chunks.points()).isEqualTo(100_000);
        assertThat(chunks.sizes.subList(0, chunks.sizes.size() - chunks.tail.length))
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(PgChunkPlan.SEALED_POINTS));
        assertThat(chunks.tail.length).isLessThanOrEqualTo(3 * (PgChunkPlan.FAN_IN - 1));
        assertThat(chunks.written).as("points written in all").isLessThanOrEqualTo(4 * 100_000L);
    }

    @Test
    void anyMixOfBatchesKeepsEveryPointAndOnlyTheTailSmall() {
        SplittableRandom random = new SplittableRandom(9);
        Chunks chunks = new Chunks();
        long points = 0;
        for (int i = 0; i < 5_000; i++) {
            int n = random.nextInt(4) == 0 ? random.nextInt(1, 30_000) : random.nextInt(1, 200);
            chunks.append(n);
            points += n;

            int sealedEnd = chunks.sizes.size() - chunks.tail.length;
            assertThat(chunks.sizes.subList(sealedEnd, chunks.sizes.size()))
                    .containsExactly(Arrays.stream(chunks.tail).boxed().toArray(Integer[]::new));
            assertThat(Arrays.stream(chunks.tail).max().orElse(0)).isLessThan(PgChunkPlan.SEALED_POINTS);
        }
        assertThat(chunks.sizes).allSatisfy(s -> assertThat(s).isBetween(1, MAX));
        assertThat(chunks.points()).isEqualTo(points);
        assertThat(chunks.written).isLessThanOrEqualTo(4 * points);
    }
}
