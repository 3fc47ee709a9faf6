package dev.observatory.bench.dataset;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.dataset.DatasetDiagnosis;
import dev.observatory.core.dataset.DatasetSettings;
import dev.observatory.core.dataset.Datasets;
import dev.observatory.store.memory.InMemoryStorage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * diagnose_dataset over a generated image dataset: {@code DiagnoseLoad [images] [dir]} (default 10,000 in a temporary
 * folder). Images are 48 distinct JPEG (512x512, 768x512) and PNG (512x512) files, each written with an 8-byte unique
 * suffix so every file hashes differently; 1% are truncated, 5% lack captions, 1% are byte duplicates. Prints the
 * diagnosis time of a second (page-cache warm) and third pass, the progress callbacks and the findings.
 */
public final class DiagnoseLoad {
    private DiagnoseLoad() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path root = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("observatory-diagnose-");
        Path dir = root.resolve("images");
        long bytes = generate(dir, n);
        try (InMemoryStorage store = new InMemoryStorage()) {
            Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
            Datasets datasets = new Datasets(new Tracking(store, Clock.systemUTC(), false, auditor),
                    new DatasetSettings(List.of(root), List.of(root)));
            for (int pass = 1; pass <= 3; pass++) {
                AtomicLong calls = new AtomicLong();
                long t0 = System.nanoTime();
                DatasetDiagnosis d = datasets.diagnose("images", null, null,
                        (done, total, m) -> calls.incrementAndGet());
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(
                        "pass %d: %d images (%.0f MB) diagnosed in %.2f s (%.0f images/s) on %d cores;"
                                + " %d progress updates; findings %s%n",
                        pass, d.images().images(), bytes / 1e6, s, d.images().images() / s,
                        Runtime.getRuntime().availableProcessors(), calls.get(), d.findings());
            }
            auditor.close();
        }
    }

    static long generate(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        byte[][] bases = new byte[48][];
        for (int i = 0; i < bases.length; i++) {
            boolean png = i % 4 == 0;
            bases[i] = encode(png ? "png" : "jpg", i % 3 == 1 ? 768 : 512, 512, i);
        }
        SplittableRandom r = new SplittableRandom(42);
        long total = 0;
        for (int i = 0; i < n; i++) {
            int b = i % bases.length;
            String name = String.format("img_%05d.%s", i, b % 4 == 0 ? "png" : "jpg");
            byte[] bytes = i % 100 == 7 && i > 0
                    ? Files.readAllBytes(dir.resolve(
                            String.format("img_%05d.%s", i - 1, (i - 1) % bases.length % 4 == 0 ? "png" : "jpg")))
                    : unique(bases[b], i);
            if (i % 100 == 3) {
                bytes = Arrays.copyOf(bytes, bytes.length / 2);
            }
            Files.write(dir.resolve(name), bytes);
            total += bytes.length;
            if (i % 20 != 5) {
                Files.writeString(dir.resolve(String.format("img_%05d.txt", i)),
                        "a photo number " + i + " of a " + (r.nextBoolean() ? "cat" : "dog"), StandardCharsets.UTF_8);
            }
        }
        return total;
    }

    private static byte[] unique(byte[] base, int i) {
        return ByteBuffer.allocate(base.length + 8).put(base).putLong(i).array();
    }

    private static byte[] encode(String format, int w, int h, long seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 255 / w + r.nextInt(64)) & 0xFF;
                img.setRGB(x, y, v << 16 | (y * 255 / h) << 8 | r.nextInt(256));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }
}
