package dev.observatory.store.tests;

import static dev.observatory.store.tests.TrainingCurves.concat;
import static dev.observatory.store.tests.TrainingCurves.noisyDecayingLoss;
import static dev.observatory.store.tests.TrainingCurves.points;
import static dev.observatory.store.tests.TrainingCurves.shift;
import static dev.observatory.store.tests.TrainingCurves.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.store.StorageComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract cannot see on PostgreSQL: series stored in chunks (size on disk, reads and downsampling across many
 * chunks and merged tails) and concurrent appends to one series.
 */
class PostgresMetricChunksTest {

    private static EmbeddedPostgresServer server;

    private String schema;
    private StorageComponent storage;
    private Run run;

    @BeforeAll
    static void startPostgres() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        server.close();
    }

    @BeforeEach
    void aRun() {
        schema = server.newSchema();
        storage = server.open(schema);
        storage.projects().create("llm", null);
        run = storage.runs().create(NewRun.of("llm", "pretrain"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void storesAMillionPointTrainingCurveInAtMostSixteenBytesPerPoint() throws SQLException {
        MetricColumns loss = noisyDecayingLoss(1_000_000, new SplittableRandom(42));
        for (int from = 0; from < loss.size(); from += 10_000) {
            storage.metrics().append(run.id(), Map.of("loss", slice(loss, from, from + 10_000)));
        }

        long bytes = relationBytes("metric_chunks") + relationBytes("metric_series");
        double perPoint = bytes / 1_000_000.0;

        assertThat(perPoint).as("bytes per point on disk (%d bytes)", bytes).isLessThanOrEqualTo(16.0);
        assertThat(storage.metrics().summaries(run.id()).get(0).count()).isEqualTo(1_000_000);
        assertThat(storage.metrics().read(run.id(), "loss", 999_990, 999_999, 0, 100))
                .containsExactlyElementsOf(points(slice(loss, 999_990, 1_000_000)));
        assertThat(storage.metrics().downsample(run.id(), "loss", 0, 999_999, 1000))
                .containsExactlyElementsOf(M4Reference.buckets(loss, 0, 999_999, 1000));
    }

    @Test
    void readsAndDownsamplesASeriesSpreadOverManyChunksLikeTheReference() {
        MetricColumns loss = noisyDecayingLoss(60_000, new SplittableRandom(1));
        appendInBatchesOfEverySize(loss, new SplittableRandom(2));

        assertThat(chunkCount()).isGreaterThan(10);
        assertThat(storage.metrics().read(run.id(), "loss", 0, Long.MAX_VALUE, 0, 100_000))
                .containsExactlyElementsOf(points(loss));
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30; i++) {
            long from = random.nextLong(0, 59_000);
            long to = random.nextLong(from + 100, 60_000);
            int offset = random.nextInt(0, 5_000);
            int limit = random.nextInt(1, 20_000);
            List<MetricPoint> expected = points(loss).stream().filter(p -> p.step() >= from && p.step() <= to)
                    .skip(offset).limit(limit).toList();

            assertThat(storage.metrics().read(run.id(), "loss", from, to, offset, limit))
                    .as("read [%d, %d] offset %d limit %d", from, to, offset, limit)
                    .containsExactlyElementsOf(expected);
        }
        for (int buckets : new int[] { 1, 3, 7, 60, 100, 1000, 7000 }) {
            assertThat(storage.metrics().downsample(run.id(), "loss", 0, 59_999, buckets)).as("%d buckets", buckets)
                    .containsExactlyElementsOf(M4Reference.buckets(loss, 0, 59_999, buckets));
            assertThat(storage.metrics().downsample(run.id(), "loss", 1234, 50_123, buckets))
                    .as("%d buckets of a range", buckets)
                    .containsExactlyElementsOf(M4Reference.buckets(loss, 1234, 50_123, buckets));
        }
    }

    @Test
    void ordersPointsByStepWhenARestartedJobSendsOlderStepsAgain() {
        MetricColumns first = noisyDecayingLoss(30_000, new SplittableRandom(4));
        MetricColumns resumed = shift(noisyDecayingLoss(25_000, new SplittableRandom(5)), 20_000);
        appendInBatchesOfEverySize(first, new SplittableRandom(6));
        appendInBatchesOfEverySize(resumed, new SplittableRandom(7));
        List<MetricPoint> expected = new ArrayList<>(points(first));
        expected.addAll(points(resumed));
        expected.sort(Comparator.comparingLong(MetricPoint::step)); // stable: ties stay in ingest order
        MetricColumns all = concat(first, resumed);

        assertThat(storage.metrics().read(run.id(), "loss", 0, Long.MAX_VALUE, 0, 100_000))
                .containsExactlyElementsOf(expected);
        assertThat(storage.metrics().read(run.id(), "loss", 19_990, 20_010, 5, 10)).containsExactlyElementsOf(
                expected.stream().filter(p -> p.step() >= 19_990 && p.step() <= 20_010).skip(5).limit(10).toList());
        for (int buckets : new int[] { 1, 10, 1000 }) {
            assertThat(storage.metrics().downsample(run.id(), "loss", 0, 44_999, buckets)).as("%d buckets", buckets)
                    .containsExactlyElementsOf(M4Reference.buckets(all, 0, 44_999, buckets));
        }
    }

    @Test
    void appendsToOneSeriesFromManyThreadsWithoutLosingAPoint() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int batch = 0; batch < 40; batch++) {
                        int n = 1 + (batch * 37 + thread * 11) % 90;
                        long[] steps = new long[n];
                        double[] values = new double[n];
                        long[] ts = new long[n];
                        Arrays.fill(values, thread);
                        storage.metrics().append(run.id(), Map.of("loss", new MetricColumns(steps, values, ts)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        List<MetricPoint> all = storage.metrics().read(run.id(), "loss", 0, 0, 0, 100_000);
        long expected = 0;
        for (int t = 0; t < 4; t++) {
            for (int batch = 0; batch < 40; batch++) {
                expected += 1 + (batch * 37 + t * 11) % 90;
            }
        }
        assertThat(all).hasSize((int) expected);
        assertThat(storage.metrics().summaries(run.id()).get(0).count()).isEqualTo(expected);
        assertThat(storage.metrics().pointCount()).isEqualTo(expected);
    }

    @Test
    void reopensAnExistingSchemaWithEveryAcknowledgedPointAndNoSecondMigration() throws SQLException {
        storage.metrics().append(run.id(), Map.of("loss", noisyDecayingLoss(1000, new SplittableRandom(8))));
        storage.close();

        storage = server.open(schema);

        assertThat(storage.metrics().summaries(run.id()).get(0).count()).isEqualTo(1000);
        try (Connection c = server.admin().getConnection();
                PreparedStatement ps = c
                        .prepareStatement("SELECT count(*), max(version) FROM " + schema + ".schema_version");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("every migration applied once").isEqualTo(rs.getLong(2)).isPositive();
        }
    }

    @Test
    void reportsItsKindHealthAndSize() {
        assertThat(storage.kind()).isEqualTo("postgres");
        assertThat(storage.check().ok()).isTrue();
        assertThat(storage.sizeBytes()).isPositive();
    }

    /** Appends in batches of sizes from 1 to 20,000 points, so the series has sealed, merged and tail chunks. */
    private void appendInBatchesOfEverySize(MetricColumns c, SplittableRandom random) {
        int[] sizes = { 1, 1, 3, 7, 20, 64, 100, 511, 512, 600, 5000, 9000, 20_000 };
        int from = 0;
        while (from < c.size()) {
            int n = sizes[random.nextInt(sizes.length)];
            int to = Math.min(c.size(), from + n);
            storage.metrics().append(run.id(), Map.of("loss", slice(c, from, to)));
            from = to;
        }
    }

    private long relationBytes(String table) throws SQLException {
        try (Connection c = server.admin().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
            ps.setString(1, schema + "." + table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long chunkCount() {
        try (Connection c = server.admin().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + schema + ".metric_chunks");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
