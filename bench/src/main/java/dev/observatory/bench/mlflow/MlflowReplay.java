package dev.observatory.bench.mlflow;

import dev.observatory.bench.RawHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server time of the MLflow API bars, measured with {@link RawHttp} replaying the bodies the official Java client
 * sends: log-batch of 1,000 metrics, get-history of a 100,000-point metric (whole response read), search-runs over
 * 1,000 runs filtered and ordered by a metric. Prints one RESULT line per bar (milliseconds per call).
 *
 * <pre>
 * java -cp load-tools:mlflow-client.jar:slf4j-api.jar dev.observatory.bench.mlflow.MlflowReplay --url http://127.0.0.1:8765
 * </pre>
 */
public final class MlflowReplay {
    private static final Pattern EXPERIMENT = Pattern.compile("\"experiment_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern RUN = Pattern.compile("\"run_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String API = "/api/2.0/mlflow/";

    private MlflowReplay() {
    }

    public static void main(String[] args) throws IOException {
        String url = arg(args, "--url", "http://127.0.0.1:8765");
        int calls = Integer.parseInt(arg(args, "--calls", "2000"));
        int repeats = Integer.parseInt(arg(args, "--repeats", "50"));
        String only = arg(args, "--only", "all");
        boolean searchOnly = "search".equals(only);
        try (RawHttp http = new RawHttp(url)) {
            String tag = Long.toString(System.nanoTime(), 36);
            if (searchOnly) {
                search(http, tag, repeats * 4);
                return;
            }
            String exp = find(EXPERIMENT,
                    call(http, "POST", "experiments/create", MlflowBodies.createExperiment("bench-" + tag)));
            logBatch(http, exp, calls);
            if ("logbatch".equals(only)) {
                return;
            }
            history(http, exp, repeats);
            search(http, tag, repeats * 4);
        }
    }

    private static void logBatch(RawHttp http, String exp, int calls) throws IOException {
        String run = find(RUN, call(http, "POST", "runs/create", MlflowBodies.createRun(exp)));
        int warmup = Math.max(200, calls / 5);
        long[] ns = new long[calls];
        for (int i = -warmup; i < calls; i++) {
            byte[] req = http.request("POST", API + "runs/log-batch",
                    MlflowBodies.logBatch(run, "loss", (i + warmup) * 1000, 1000));
            long t0 = System.nanoTime();
            RawHttp.Response a = http.send(req);
            long t = System.nanoTime() - t0;
            check(a);
            if (i >= 0) {
                ns[i] = t;
            }
        }
        report("log_batch_1000", ns, "points_per_s=" + Math.round(1000 / (mean(ns) / 1e9)));
    }

    private static void history(RawHttp http, String exp, int repeats) throws IOException {
        String run = find(RUN, call(http, "POST", "runs/create", MlflowBodies.createRun(exp)));
        for (int b = 0; b < 100; b++) {
            call(http, "POST", "runs/log-batch", MlflowBodies.logBatch(run, "loss", b * 1000, 1000));
        }
        byte[] req = http.request("GET", MlflowBodies.historyPath(run, "loss"), null);
        long[] ns = new long[repeats];
        int bytes = 0;
        for (int i = -5; i < repeats; i++) {
            long t0 = System.nanoTime();
            RawHttp.Response a = http.send(req);
            long t = System.nanoTime() - t0;
            check(a);
            if (!a.text().contains("\"step\":99999}") || a.text().contains("next_page_token")) {
                throw new IllegalStateException("the history is not the whole 100,000 points");
            }
            bytes = a.body().length;
            if (i >= 0) {
                ns[i] = t;
            }
        }
        report("get_history_100k", ns, "response_bytes=" + bytes);
    }

    private static void search(RawHttp http, String tag, int repeats) throws IOException {
        String exp = find(EXPERIMENT,
                call(http, "POST", "experiments/create", MlflowBodies.createExperiment("bench-search-" + tag)));
        for (int i = 0; i < 1000; i++) {
            String run = find(RUN, call(http, "POST", "runs/create", MlflowBodies.createRun(exp)));
            call(http, "POST", "runs/log-batch", MlflowBodies.logBatchOfRun(run, ((i * 7919) % 1000) / 1000.0,
                    i % 2 == 0 ? "0.01" : "0.1", i % 3 == 0 ? "ops" : "ml-" + (i % 10)));
            if (i % 4 != 0) {
                call(http, "POST", "runs/update", MlflowBodies.finish(run));
            }
        }
        String filter = "metrics.loss < 0.5 and params.lr = '0.01'";
        for (int max : new int[] { 100, 1000 }) {
            byte[] req = http.request("POST", API + "runs/search",
                    MlflowBodies.searchRuns(exp, filter, max, "metrics.loss ASC"));
            long[] ns = new long[repeats];
            for (int i = -20; i < repeats; i++) {
                long t0 = System.nanoTime();
                RawHttp.Response a = http.send(req);
                long t = System.nanoTime() - t0;
                check(a);
                if (i >= 0) {
                    ns[i] = t;
                }
            }
            report("search_runs_1000_max" + max, ns, "filter=\"" + filter + "\" order=metrics.loss_ASC");
        }
        for (int max : new int[] { 100, 1000 }) {
            coldSearch(http, exp,
                    http.request("POST", API + "runs/search",
                            MlflowBodies.searchRuns(exp, filter, max, "metrics.loss ASC")),
                    Math.max(10, repeats / 4), max);
        }
    }

    /**
     * The same search right after its runs were written: before each timed call (untimed) an experiment tag and, for
     * every run of the previous answer, a log-batch of one metric and one MLflow side tag, so that nothing the search
     * reads can come from a read cache; then a pause, so that the journaled batches are applied (the search would wait
     * for them, which is the write's cost, not the search's).
     */
    private static void coldSearch(RawHttp http, String exp, byte[] req, int repeats, int max) throws IOException {
        long[] ns = new long[repeats];
        List<String> page = runIds(http.send(req).text());
        for (int i = -3; i < repeats; i++) {
            int touch = i + 4;
            call(http, "POST", "experiments/set-experiment-tag", MlflowBodies.experimentTag(exp, touch));
            for (String run : page) {
                call(http, "POST", "runs/log-batch", MlflowBodies.touch(run, touch));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            long t0 = System.nanoTime();
            RawHttp.Response a = http.send(req);
            long t = System.nanoTime() - t0;
            check(a);
            page = runIds(a.text());
            if (i >= 0) {
                ns[i] = t;
            }
        }
        report("search_runs_1000_max" + max + "_cold", ns, "runs_written_before_each=" + page.size());
    }

    private static List<String> runIds(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = RUN.matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String call(RawHttp http, String method, String endpoint, String body) throws IOException {
        RawHttp.Response a = http.send(http.request(method, API + endpoint, body));
        check(a);
        return a.text();
    }

    private static void check(RawHttp.Response a) {
        if (a.status() != 200) {
            throw new IllegalStateException("HTTP " + a.status() + ": " + a.text());
        }
    }

    private static String find(Pattern p, String json) {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + json);
        }
        return m.group(1);
    }

    static double mean(long[] ns) {
        return Arrays.stream(ns).average().orElse(0);
    }

    static void report(String bar, long[] ns, String extra) {
        long[] s = ns.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "RESULT bar=%s calls=%d p50_ms=%.3f mean_ms=%.3f p90_ms=%.3f p99_ms=%.3f %s%n",
                bar, s.length, s[s.length / 2] / 1e6, mean(s) / 1e6, s[(int) (s.length * 0.9)] / 1e6,
                s[(int) (s.length * 0.99)] / 1e6, extra);
    }

    static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}
