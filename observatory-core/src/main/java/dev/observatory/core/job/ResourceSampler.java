package dev.observatory.core.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples a process tree from {@code /proc} (CPU ticks, RSS, I/O bytes) and the GPUs from {@code nvidia-smi} when it is
 * installed. Keeps the previous CPU total to turn ticks into a percentage.
 */
public final class ResourceSampler {
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    private static final long PAGE = 4096;
    private static final Path NVIDIA_SMI = Stream.of("/usr/bin/nvidia-smi", "/usr/local/bin/nvidia-smi").map(Path::of)
            .filter(Files::isExecutable).findFirst().orElse(null);

    private long lastTicks = -1;
    private long lastNanos;

    /** Samples the process and its descendants; null when the process is gone. */
    public ResourceSample sample(long pid, Instant now) {
        ProcessHandle root = ProcessHandle.of(pid).orElse(null);
        if (root == null || !root.isAlive()) {
            return null;
        }
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        root.descendants().forEach(d -> pids.add(d.pid()));
        long ticks = 0;
        long rss = 0;
        long read = 0;
        long write = 0;
        boolean io = true;
        for (long p : pids) {
            long[] stat = stat(p);
            if (stat != null) {
                ticks += stat[0];
                rss += stat[1] * PAGE;
            }
            long[] rw = io(p);
            if (rw == null) {
                io = false;
            } else {
                read += rw[0];
                write += rw[1];
            }
        }
        long nanos = System.nanoTime();
        Double cpu = null;
        if (lastTicks >= 0 && nanos > lastNanos) {
            double seconds = (nanos - lastNanos) / 1e9;
            cpu = Math.max(0, (ticks - lastTicks) / (double) CLOCK_TICKS / seconds * 100);
        }
        lastTicks = ticks;
        lastNanos = nanos;
        return new ResourceSample(now, pids.size(), cpu, rss, io ? read : null, io ? write : null, gpus());
    }

    /** utime+stime ticks and RSS pages from /proc/pid/stat; null when unreadable. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "(comm) ": state=0 ... utime=11 stime=12 ... rss=21
            return new long[] { Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[21]) };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long[] io(long pid) {
        try {
            long read = -1;
            long write = -1;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (line.startsWith("read_bytes:")) {
                    read = Long.parseLong(line.substring(11).strip());
                } else if (line.startsWith("write_bytes:")) {
                    write = Long.parseLong(line.substring(12).strip());
                }
            }
            return read < 0 || write < 0 ? null : new long[] { read, write };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether nvidia-smi is installed. */
    public static boolean gpusPresent() {
        return NVIDIA_SMI != null;
    }

    /** Every GPU from nvidia-smi; null when it is absent or fails. */
    public static List<ResourceSample.GpuSample> gpus() {
        if (NVIDIA_SMI == null) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(NVIDIA_SMI.toString(),
                    "--query-gpu=index,name,utilization.gpu,memory.used,memory.total", "--format=csv,noheader,nounits")
                            .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            List<ResourceSample.GpuSample> gpus = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] f = line.split(",\\s*");
                if (f.length == 5) {
                    gpus.add(new ResourceSample.GpuSample(Integer.parseInt(f[0].strip()), f[1].strip(),
                            Double.parseDouble(f[2].strip()), Double.parseDouble(f[3].strip()),
                            Double.parseDouble(f[4].strip())));
                }
            }
            return gpus;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
