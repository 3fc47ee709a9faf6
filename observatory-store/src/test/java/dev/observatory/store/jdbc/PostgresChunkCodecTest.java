package dev.observatory.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PostgresChunkCodecTest {

    @Test
    void regularStepsCostAFewBytesPerChunkAndJitteredTimestampsAboutOneBytePerPoint() {
        int n = PgChunkCodec.CHUNK_POINTS;
        long[] steps = new long[n];
        long[] ts = new long[n];
        SplittableRandom random = new SplittableRandom(7);
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            t += 100 + random.nextInt(-20, 21);
            ts[i] = t;
        }

        byte[] encodedSteps = PgChunkCodec.encodeLongs(steps, 0, n);
        byte[] encodedTs = PgChunkCodec.encodeLongs(ts, 0, n);

        assertThat(encodedSteps.length).isLessThanOrEqualTo(8);
        assertThat(encodedTs.length).isLessThanOrEqualTo(n * 21 / 20);
        assertThat(PgChunkCodec.decodeLongs(encodedSteps, n)).containsExactly(steps);
        assertThat(PgChunkCodec.decodeLongs(encodedTs, n)).containsExactly(ts);
    }

    @Test
    void anyLongsRoundTripIncludingBackwardsStepsAndOverflowingDeltas() {
        long[] longs = { 0, 5, 3, -7, Long.MAX_VALUE, Long.MIN_VALUE, 1, 1, 1, Long.MIN_VALUE, Long.MAX_VALUE, -1, 42 };
        SplittableRandom random = new SplittableRandom(11);
        long[] noise = random.longs(5000).toArray();

        assertThat(PgChunkCodec.decodeLongs(PgChunkCodec.encodeLongs(longs, 0, longs.length), longs.length))
                .containsExactly(longs);
        assertThat(PgChunkCodec.decodeLongs(PgChunkCodec.encodeLongs(noise, 0, noise.length), noise.length))
                .containsExactly(noise);
    }

    @Test
    void runsOfSteadyIntervalsRoundTripWhereverTheyStartAndEnd() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(1, 300);
            long[] longs = new long[n];
            long value = random.nextLong(-1000, 1000);
            long delta = random.nextInt(-3, 4);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(10) == 0) {
                    delta = random.nextInt(-3, 4); // a new interval: a run of zeros ends here
                }
                value += delta;
                longs[i] = value;
            }

            assertThat(PgChunkCodec.decodeLongs(PgChunkCodec.encodeLongs(longs, 0, n), n)).as("trial %d", trial)
                    .containsExactly(longs);
        }
        long[] constant = new long[100_000];
        assertThat(PgChunkCodec.encodeLongs(constant, 0, constant.length)).hasSizeLessThanOrEqualTo(6);
        assertThat(PgChunkCodec.decodeLongs(PgChunkCodec.encodeLongs(constant, 0, 100_000), 100_000)).containsOnly(0L);
    }

    @Test
    void encodesOnlyTheRequestedSlice() {
        long[] longs = { 9, 8, 7, 100, 200, 300, 1 };
        double[] doubles = { 9, 8, 7, 1.5, 2.5, 3.5, 1 };

        assertThat(PgChunkCodec.decodeLongs(PgChunkCodec.encodeLongs(longs, 3, 6), 3)).containsExactly(100, 200, 300);
        assertThat(PgChunkCodec.decodeDoubles(PgChunkCodec.encodeDoubles(doubles, 3, 6), 3)).containsExactly(1.5, 2.5,
                3.5);
    }

    @Test
    void doublesRoundTripBitForBitIncludingNaNPayloadsInfinitiesAndNegativeZero() {
        double payloadNaN = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        double[] values = { 0.25, -0.0, 0.0, Double.NaN, payloadNaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, -1e-300 };

        double[] decoded = PgChunkCodec.decodeDoubles(PgChunkCodec.encodeDoubles(values, 0, values.length),
                values.length);

        long[] expectedBits = Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
        assertThat(Arrays.stream(decoded).mapToLong(Double::doubleToRawLongBits).toArray())
                .containsExactly(expectedBits);
        assertThat(PgChunkCodec.encodeDoubles(values, 0, values.length)).hasSize(1 + 8 * values.length);
    }

    @Test
    void rejectsColumnsOfAnUnknownFormatOrLength() {
        byte[] doubles = PgChunkCodec.encodeDoubles(new double[] { 1, 2 }, 0, 2);
        byte[] longs = PgChunkCodec.encodeLongs(new long[] { 1, 2 }, 0, 2);
        longs[0] = 99;

        assertThatThrownBy(() -> PgChunkCodec.decodeDoubles(doubles, 3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PgChunkCodec.decodeLongs(longs, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("99");
    }

    @Test
    void chunkStatsMergeToTheSameBucketAsThePointsOneByOne() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 3000;
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = random.nextInt(0, 500); // backwards steps and ties on purpose
            int kind = random.nextInt(20);
            values[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.NEGATIVE_INFINITY : random.nextInt(0, 50) / 4.0;
        }
        M4Cell whole = M4Cell.of(steps, values, 0, n);

        M4Cell merged = M4Cell.of(steps, values, 0, 1000);
        merged.merge(M4Cell.of(steps, values, 1000, 1001));
        merged.merge(M4Cell.of(steps, values, 1001, 2500));
        merged.merge(new M4Cell());
        merged.merge(M4Cell.of(steps, values, 2500, n));

        assertThat(merged.toBucket()).isEqualTo(whole.toBucket());
        assertThat(whole.toBucket().count()).isEqualTo(n);
    }

    @Test
    void aCellWithoutFiniteValuesReportsItsStepsAndNaN() {
        M4Cell cell = M4Cell.of(new long[] { 7, 3, 9 },
                new double[] { Double.NaN, Double.POSITIVE_INFINITY, Double.NaN }, 0, 3);
        M4Cell later = M4Cell.of(new long[] { 5 }, new double[] { 2.0 }, 0, 1);

        assertThat(cell.toBucket().firstStep()).isEqualTo(3);
        assertThat(cell.toBucket().lastStep()).isEqualTo(9);
        assertThat(cell.toBucket().min()).isNaN();
        assertThat(cell.toBucket().nanCount()).isEqualTo(3);
        cell.merge(later);
        assertThat(cell.toBucket().first()).isEqualTo(2.0);
        assertThat(cell.toBucket().minStep()).isEqualTo(5);
        assertThat(cell.toBucket().count()).isEqualTo(4);
    }
}
