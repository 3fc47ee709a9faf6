package dev.observatory.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Time from spawning an MCP stdio server to its {@code initialize} response, K times in a row. The first spawn is
 * reported as cold (it finds no class-data-sharing archive when the caller gives a fresh cache directory, and writes
 * one at exit); the median of the rest as warm.
 *
 * <pre>
 * java -cp bench/target/classes dev.observatory.bench.StdioStartup --runs 11 -- ./observatory mcp --data-dir /tmp/d
 * </pre>
 *
 * With {@code --plan FILE} (one variant a line: a name, a tab, the command split on spaces) the variants run
 * interleaved, one spawn of each per round, so that a change in the machine's load hits every variant alike; one RESULT
 * line per variant, with {@code variant=NAME}.
 */
public final class StdioStartup {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"" + McpLatency.PROTOCOL + "\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"observatory-bench\",\"version\":\"1\"}}}\n";

    private StdioStartup() {
    }

    public static void main(String[] args) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("runs", "stderr", "plan"));
        int runs = a.integer("runs", 11);
        String plan = a.text("plan", null);
        if (runs < 1 || runs > 200 || (a.rest().isEmpty() == (plan == null))) {
            throw new IllegalArgumentException(
                    "usage: StdioStartup [--runs 1..200] [--stderr FILE] (--plan FILE | -- COMMAND...)");
        }
        File stderr = new File(a.text("stderr", "/dev/null"));
        if (plan != null) {
            interleaved(Files.readAllLines(Path.of(plan)), runs, stderr);
            return;
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double t = once(a.rest(), stderr);
            ms.add(t);
            System.out.printf(Locale.ROOT, "run %d: %.1f ms%n", i + 1, t);
        }
        System.out.println(result(ms, ""));
    }

    /** Runs every variant of the plan once per round, {@code runs} rounds; prints one RESULT line per variant. */
    private static void interleaved(List<String> lines, int runs, File stderr)
            throws IOException, InterruptedException {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("plan line needs NAME<tab>COMMAND: " + line);
            }
            variants.put(parts[0].strip(), List.of(parts[1].strip().split(" +")));
        }
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (var v : variants.entrySet()) {
                double t = once(v.getValue(), stderr);
                ms.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(t);
                System.out.printf(Locale.ROOT, "run %d %s: %.1f ms%n", i + 1, v.getKey(), t);
            }
        }
        ms.forEach((name, times) -> System.out.println(result(times, " variant=" + name)));
    }

    private static String result(List<Double> ms, String suffix) {
        int runs = ms.size();
        List<Double> warm = new ArrayList<>(ms.subList(Math.min(1, ms.size() - 1), ms.size()));
        Collections.sort(warm);
        double median = warm.size() % 2 == 1 ? warm.get(warm.size() / 2)
                : (warm.get(warm.size() / 2 - 1) + warm.get(warm.size() / 2)) / 2;
        return String.format(Locale.ROOT,
                "RESULT stdio cold_ms=%.1f warm_median_ms=%.1f warm_min_ms=%.1f" + " warm_max_ms=%.1f runs=%d%s",
                ms.get(0), median, warm.get(0), warm.get(warm.size() - 1), runs, suffix);
    }

    /** Spawns the command, sends initialize, returns milliseconds until the response line; waits for the exit. */
    static double once(List<String> command, File stderr) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(stderr));
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            OutputStream in = p.getOutputStream();
            in.write(INITIALIZE.getBytes(StandardCharsets.UTF_8));
            in.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("\"id\":1") && line.contains("\"result\"")) {
                    break;
                }
                if (line.contains("\"error\"")) {
                    throw new IOException("initialize failed: " + line);
                }
            }
            long t1 = System.nanoTime();
            if (line == null) {
                throw new IOException("the server closed stdout without answering initialize (see " + stderr + ")");
            }
            in.close(); // a stdio server exits when stdin closes; the CDS archive is written at exit
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("the server did not exit within 60 s after stdin closed");
            }
            return (t1 - t0) / 1e6;
        } finally {
            p.destroyForcibly();
        }
    }
}
