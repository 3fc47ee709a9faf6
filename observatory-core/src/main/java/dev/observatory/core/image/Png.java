package dev.observatory.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The one place the server draws PNGs (charts, the service map, SLO burn-down, scorecard heatmaps): a white canvas with
 * anti-aliased text, handed to a painter, encoded with fast deflate (the images are large flat areas, so level 1 still
 * compresses well and costs a fraction of the default). Runs headless: {@code java.awt.headless} is set to true unless
 * the JVM was started with a value.
 */
public final class Png {
    /** ImageIO's PNG compression quality, 1 - deflate level / 9 (0.9: level 1, the fastest that compresses). */
    static final float QUALITY = Float.parseFloat(System.getProperty("observatory.pngQuality", "0.9"));

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Png() {
    }

    /**
     * Paints on a white {@code width x height} canvas and returns the PNG bytes; {@code smoothShapes} also anti-aliases
     * lines and shapes (text always is).
     */
    public static byte[] paint(int width, int height, boolean smoothShapes, Consumer<Graphics2D> painter) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            if (smoothShapes) {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return encode(img);
    }

    /** A scratch graphics context for measuring text before the canvas size is known; dispose it after use. */
    public static Graphics2D measuring() {
        return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    }

    /** The PNG bytes of an image, with fast deflate. */
    public static byte[] encode(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
