package dev.observatory.bench.mlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.tracking.MlflowClient;

/**
 * End to end with the official MLflow Java client, single-threaded: log-batch of 1,000 metrics (points/s) and
 * getMetricHistory of a 100,000-point metric (ms; {@code --history 0} leaves it out). Run it against Observatory and
 * against {@link NullMlflowServer} (the client's own ceiling); prints RESULT lines.
 */
public final class MlflowClientEndToEnd {
    private MlflowClientEndToEnd() {
    }

    public static void main(String[] args) {
        String url = MlflowReplay.arg(args, "--url", "http://127.0.0.1:8765");
        String label = MlflowReplay.arg(args, "--label", "observatory");
        int calls = Integer.parseInt(MlflowReplay.arg(args, "--calls", "1000"));
        boolean history = !"0".equals(MlflowReplay.arg(args, "--history", "1"));
        try (MlflowClient client = new MlflowClient(url)) {
            String exp = client.createExperiment("e2e-" + Long.toString(System.nanoTime(), 36));
            String run = client.createRun(exp).getRunId();
            List<List<Metric>> batches = new ArrayList<>();
            for (int b = 0; b < 100; b++) {
                List<Metric> batch = new ArrayList<>(1000);
                for (int i = 0; i < 1000; i++) {
                    int step = b * 1000 + i;
                    batch.add(Metric.newBuilder().setKey("loss").setValue(Math.exp(-step / 20_000.0))
                            .setTimestamp(1_700_000_000_000L + step).setStep(step).build());
                }
                batches.add(batch);
            }
            for (List<Metric> b : batches) {
                client.logBatch(run, b, null, null); // warm-up, and the 100k-point history
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                client.logBatch(run, batches.get(i % 100), null, null);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT,
                    "RESULT bar=client_log_batch server=%s calls=%d points_per_s=%d" + " ms_per_call=%.3f%n", label,
                    calls, Math.round(calls * 1000 / seconds), seconds * 1000 / calls);
            if (!history) {
                return;
            }
            String historyRun = run;
            if (!label.startsWith("null")) {
                historyRun = client.createRun(exp).getRunId();
                for (List<Metric> b : batches) {
                    client.logBatch(historyRun, b, null, null);
                }
            }
            long[] ns = new long[10];
            for (int i = -3; i < ns.length; i++) {
                long s = System.nanoTime();
                int n = client.getMetricHistory(historyRun, "loss").size();
                long t = System.nanoTime() - s;
                if (n != 100_000) {
                    throw new IllegalStateException("history has " + n + " points");
                }
                if (i >= 0) {
                    ns[i] = t;
                }
            }
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "RESULT bar=client_get_history_100k server=%s p50_ms=%.1f min_ms=%.1f%n",
                    label, ns[ns.length / 2] / 1e6, ns[0] / 1e6);
        }
    }
}
