package dev.observatory.core.opsmetrics.query;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import java.util.List;

/** Where a query reads series and samples from (the service metric store). */
public interface SeriesSource {

    /** Every series with the metric name. */
    List<OpsSeries> series(String name);

    /** Samples of the series in [fromMs, toMs], sorted by time, in the order asked. */
    List<OpsSamples> samples(List<OpsSeries> series, long fromMs, long toMs);

    /** The store as a source. */
    static SeriesSource of(dev.observatory.store.OpsMetricStore store) {
        return new SeriesSource() {
            @Override
            public List<OpsSeries> series(String name) {
                return store.series(name);
            }

            @Override
            public List<OpsSamples> samples(List<OpsSeries> series, long fromMs, long toMs) {
                return store.samples(series, fromMs, toMs);
            }
        };
    }
}
