package dev.observatory.bench.job;

import dev.observatory.core.job.JobLog;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Issue 6: get_job_logs on a huge log must answer within the tool budget. Writes a log of the given size (default 1
 * GiB) of {@code step N loss X lr Y} lines, then times {@link JobLog#tail} (what get_job_logs calls) for the last 100
 * lines, the last 100 lines matching a frequent pattern, and a pattern that matches only the first line (the scan bound
 * stops it), each repeated; prints the median, the bytes read and whether the count is exact.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.observatory.bench.job.JobLogTailLoad [mib=1024] [repeats=5]
 * </pre>
 */
public final class JobLogTailLoad {
    private JobLogTailLoad() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("job-log-tail");
        Path file = dir.resolve("job.log");
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("RARE first line\n");
            long bytes = 16;
            while (bytes < mib << 20) {
                String line = "step " + lines + " loss " + (2.0 / Math.sqrt(lines + 1)) + " lr 0.0003";
                w.write(line);
                w.write('\n');
                bytes += line.length() + 1;
                lines++;
            }
        }
        System.out.printf(Locale.ROOT, "log: %,d bytes, %,d lines%n", Files.size(file), lines + 1);
        time("last 100 lines", file, null, repeats);
        time("last 100 lines matching 'loss 0\\.01'", file, "loss 0\\.01", repeats);
        time("grep matching only the first line", file, "^RARE", repeats);
        Files.delete(file);
        Files.delete(dir);
    }

    private static void time(String what, Path file, String grep, int repeats) {
        Pattern p = grep == null ? null : Pattern.compile(grep, Pattern.CASE_INSENSITIVE);
        Predicate<String> filter = p == null ? l -> true : l -> p.matcher(l).find();
        List<Double> ms = new ArrayList<>();
        JobLog.Tail t = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            t = JobLog.tail(file, 100, filter);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        ms.sort(null);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, max %.1f ms; %d lines, matched %s%,d, read %,d bytes%n",
                what, ms.get(ms.size() / 2), ms.get(ms.size() - 1), t.lines().size(), t.exact() ? "" : ">= ",
                t.matched(), t.scannedBytes());
    }
}
