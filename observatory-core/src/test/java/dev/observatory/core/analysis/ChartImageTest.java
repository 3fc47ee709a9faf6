package dev.observatory.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.MetricHistory;
import dev.observatory.model.SeriesBucket;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The report charts: every bucket's first, min, max and last point in step order, non-finite points left out. */
class ChartImageTest {

    @Test
    void pointsKeepEachBucketsExtremesInStepOrderWithoutRepeatsOrNonFiniteValues() {
        SeriesBucket b = new SeriesBucket(0, 5.0, 9, 4.0, 7, 1.0, 2, 8.0, 10, 0);
        SeriesBucket single = new SeriesBucket(10, 3.0, 10, 3.0, 10, 3.0, 10, 3.0, 1, 0);
        SeriesBucket nan = new SeriesBucket(11, Double.NaN, 12, 2.0, 12, 2.0, 11, Double.NaN, 2, 1);

        List<double[]> pts = ChartImage.points(List.of(b, single, nan));

        assertThat(pts).extracting(p -> p[0]).containsExactly(0.0, 2.0, 7.0, 9.0, 10.0, 12.0);
        assertThat(pts).extracting(p -> p[1]).containsExactly(5.0, 8.0, 1.0, 4.0, 3.0, 2.0);
    }

    @Test
    void theChartIsAPngOfTheFixedSizeEvenWithoutFinitePoints() throws Exception {
        MetricHistory h = new MetricHistory("r", "loss", 0, 10,
                List.of(new SeriesBucket(0, 2.0, 10, 1.0, 10, 1.0, 0, 2.0, 11, 0)), null, false);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ChartImage.png("loss", h)));
        assertThat(img.getWidth()).isEqualTo(ChartImage.WIDTH);
        assertThat(img.getHeight()).isEqualTo(ChartImage.HEIGHT);
        MetricHistory empty = new MetricHistory("r", "loss", 0, 0,
                List.of(new SeriesBucket(0, Double.NaN, 0, Double.NaN, 0, Double.NaN, 0, Double.NaN, 1, 1)), null,
                false);
        assertThat(ImageIO.read(new ByteArrayInputStream(ChartImage.png("loss", empty)))).isNotNull();
    }
}
