package dev.observatory.core.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Scans the images of a dataset in parallel: each file is read once, hashed (SHA-256) and its header decoded
 * ({@link ImageHeader}); sidecar captions are read. Pixels are never decoded.
 */
final class ImageScan {
    static final List<String> RESOLUTION_BUCKETS = List.of("<256", "256-511", "512-767", "768-1023", "1024-1535",
            "1536-2047", ">=2048");
    static final List<String> ASPECT_BUCKETS = List.of("<0.6", "0.6-0.9", "0.9-1.1", "1.1-1.5", "1.5-2.0", ">=2.0");

    /** What one image gave. */
    record Scanned(String path, long size, ImageHeader header, String sha256, String caption) {
    }

    private ImageScan() {
    }

    static ImageReport scan(Path dir, List<String> files, DiagnosisProgress progress) {
        List<String> images = files.stream().filter(DatasetFiles::isImage).toList();
        Set<String> all = new HashSet<>(files);
        AtomicLong done = new AtomicLong();
        long step = Math.max(1, images.size() / 100);
        Scanned[] out = new Scanned[images.size()];
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            out[i] = scanOne(dir, images.get(i), all);
            long n = done.incrementAndGet();
            if (n % step == 0 || n == images.size()) {
                progress.update(n, images.size(), "images scanned");
            }
        });
        return report(List.of(out));
    }

    private static Scanned scanOne(Path dir, String path, Set<String> all) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(path));
        } catch (IOException e) {
            return new Scanned(path, 0, new ImageHeader("unknown", 0, 0, "unreadable: " + e.getMessage()), null,
                    caption(dir, path, all));
        }
        return new Scanned(path, bytes.length, ImageHeader.read(bytes), sha256(bytes), caption(dir, path, all));
    }

    /** The caption text, "" for none: {@code <stem>.txt}, else {@code <stem>.caption}; null when neither exists. */
    static String caption(Path dir, String image, Set<String> all) {
        String stem = DatasetFiles.stem(image);
        for (String ext : List.of(".txt", ".caption")) {
            if (all.contains(stem + ext)) {
                try {
                    return Files.readString(dir.resolve(stem + ext), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }
        }
        return null;
    }

    static ImageReport report(List<Scanned> scanned) {
        Map<String, Long> formats = new TreeMap<>();
        List<ImageReport.FileProblem> corrupt = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        Map<String, List<String>> byHash = new LinkedHashMap<>();
        Map<String, Long> res = zeros(RESOLUTION_BUCKETS);
        Map<String, Long> aspect = zeros(ASPECT_BUCKETS);
        Map<String, Long> sizes = new TreeMap<>();
        List<Long> chars = new ArrayList<>();
        List<Long> words = new ArrayList<>();
        long bytes = 0;
        for (Scanned s : scanned) {
            bytes += s.size();
            ImageHeader h = s.header();
            formats.merge(h.format(), 1L, Long::sum);
            if (s.sha256() != null) {
                byHash.computeIfAbsent(s.sha256(), k -> new ArrayList<>()).add(s.path());
            }
            if (!h.ok()) {
                corrupt.add(new ImageReport.FileProblem(s.path(), h.problem()));
            } else {
                res.merge(resolutionBucket(Math.min(h.width(), h.height())), 1L, Long::sum);
                aspect.merge(aspectBucket((double) h.width() / h.height()), 1L, Long::sum);
                sizes.merge(h.width() + "x" + h.height(), 1L, Long::sum);
            }
            if (s.caption() == null) {
                missing.add(s.path());
            } else if (s.caption().isBlank()) {
                empty.add(s.path());
            } else {
                String c = s.caption().strip();
                chars.add((long) c.length());
                words.add((long) c.split("\\s+").length);
            }
        }
        List<List<String>> groups = byHash.values().stream().filter(g -> g.size() > 1)
                .map(g -> g.stream().sorted().toList()).sorted((a, b) -> a.get(0).compareTo(b.get(0))).toList();
        long dupFiles = groups.stream().mapToLong(g -> g.size() - 1).sum();
        return new ImageReport(scanned.size(), bytes, formats, corrupt, missing, empty, groups, dupFiles, res, aspect,
                top(sizes, 20), LengthStats.of(toArray(chars)), LengthStats.of(toArray(words)));
    }

    static String resolutionBucket(int shortSide) {
        int[] upper = { 256, 512, 768, 1024, 1536, 2048 };
        for (int i = 0; i < upper.length; i++) {
            if (shortSide < upper[i]) {
                return RESOLUTION_BUCKETS.get(i);
            }
        }
        return RESOLUTION_BUCKETS.getLast();
    }

    static String aspectBucket(double ratio) {
        double[] upper = { 0.6, 0.9, 1.1, 1.5, 2.0 };
        for (int i = 0; i < upper.length; i++) {
            if (ratio < upper[i]) {
                return ASPECT_BUCKETS.get(i);
            }
        }
        return ASPECT_BUCKETS.getLast();
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, 0L));
        return m;
    }

    static Map<String, Long> top(Map<String, Long> counts, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
