package dev.observatory.core.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The model price table: US dollars per million input and output tokens. Defaults come from
 * {@code model-prices.properties} (with the date the prices were checked); the {@code trace_model_prices} setting
 * overrides or adds models. Lookup is exact, else by the longest entry that prefixes the model name followed by "-"; a
 * "provider/" prefix is ignored. An unknown model has no price: cost stays null, never guessed.
 */
public final class ModelPrices {

    /** Price of one model, USD per million tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) {

        /** Cost of the tokens (nulls count as 0). */
        public double cost(Long input, Long output) {
            return (input == null ? 0 : input) * inputPerMillion / 1e6
                    + (output == null ? 0 : output) * outputPerMillion / 1e6;
        }
    }

    private final Map<String, Price> prices;
    private final String date;

    private ModelPrices(Map<String, Price> prices, String date) {
        this.prices = Map.copyOf(prices);
        this.date = date;
    }

    /** The default table shipped with Observatory. */
    public static ModelPrices defaults() {
        Properties p = new Properties();
        try (InputStream in = ModelPrices.class.getResourceAsStream("model-prices.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Price> prices = new TreeMap<>();
        for (String model : p.stringPropertyNames()) {
            if (!model.equals("prices.date")) {
                String[] parts = p.getProperty(model).strip().split("\\s+");
                prices.put(model, new Price(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
            }
        }
        return new ModelPrices(prices, p.getProperty("prices.date"));
    }

    /**
     * This table with overrides: comma-separated {@code model=input/output} in USD per million tokens (e.g.
     * {@code "my-model=1.0/2.0, gpt-4o=2.5/10"}). IllegalArgumentException naming the bad entry.
     */
    public ModelPrices with(String overrides) {
        if (overrides == null || overrides.isBlank()) {
            return this;
        }
        Map<String, Price> merged = new TreeMap<>(prices);
        for (String entry : overrides.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            int slash = e.indexOf('/', Math.max(eq, 0));
            try {
                if (eq <= 0 || slash < 0) {
                    throw new NumberFormatException();
                }
                double in = Double.parseDouble(e.substring(eq + 1, slash).strip());
                double out = Double.parseDouble(e.substring(slash + 1).strip());
                if (in < 0 || out < 0 || !Double.isFinite(in) || !Double.isFinite(out)) {
                    throw new NumberFormatException();
                }
                merged.put(e.substring(0, eq).strip().toLowerCase(Locale.ROOT), new Price(in, out));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("trace_model_prices: '" + e
                        + "' is not model=input/output (USD per million tokens, e.g. gpt-4o=2.5/10)");
            }
        }
        return new ModelPrices(merged, date);
    }

    /** Date the default prices were checked (yyyy-MM-dd). */
    public String date() {
        return date;
    }

    /** The price of a model, or empty when the table does not know it. */
    public Optional<Price> find(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String m = model.strip().toLowerCase(Locale.ROOT);
        m = m.substring(m.lastIndexOf('/') + 1);
        Price exact = prices.get(m);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String k : prices.keySet()) {
            if (m.startsWith(k + "-") && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return Optional.ofNullable(best == null ? null : prices.get(best));
    }

    /** Every model in the table with its price. */
    public Map<String, Price> all() {
        return prices;
    }
}
