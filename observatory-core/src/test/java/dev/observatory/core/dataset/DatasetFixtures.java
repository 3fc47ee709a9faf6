package dev.observatory.core.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes real images (ImageIO), broken copies and caption files for the dataset tests. */
final class DatasetFixtures {
    private DatasetFixtures() {
    }

    /** Encoded image bytes of the given size with deterministic noise (so that PNGs differ by seed). */
    static byte[] image(String format, int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y += 4) {
            for (int x = 0; x < width; x += 4) {
                img.setRGB(x, y, r.nextInt(0xFFFFFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path text(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] cut(byte[] bytes, int keep) {
        return Arrays.copyOf(bytes, keep);
    }

    /**
     * The image dataset of the tests: 11 images, 3 broken (a truncated PNG, a JPEG without EOI, a text file named
     * .png), 2 without captions, 1 empty caption, 1 duplicate pair.
     */
    static void imageDataset(Path dir) {
        byte[] a = image("png", 64, 32, 1);
        byte[] b = image("png", 32, 32, 2);
        byte[] c = image("jpg", 300, 200, 3);
        write(dir, "a.png", a);
        text(dir, "a.txt", "a cat on a mat");
        write(dir, "b.png", b);
        text(dir, "b.txt", "dog");
        write(dir, "c.jpg", c);
        text(dir, "c.txt", "   \n");
        write(dir, "d.jpg", image("jpg", 600, 600, 4));
        write(dir, "e.png", a);
        text(dir, "e.caption", "copy");
        write(dir, "f.png", cut(b, b.length / 2));
        text(dir, "f.txt", "broken");
        write(dir, "g.jpg", cut(c, c.length - 100));
        write(dir, "h.gif", image("gif", 10, 20, 5));
        text(dir, "h.txt", "tall gif");
        write(dir, "i.bmp", image("bmp", 20, 10, 6));
        text(dir, "i.txt", "wide bmp");
        text(dir, "j.png", "not an image at all");
        text(dir, "j.txt", "junk");
        write(dir, "sub/k.png", image("png", 2048, 1024, 7));
        text(dir, "sub/k.txt", "big picture here");
    }
}
