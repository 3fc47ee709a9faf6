package dev.observatory.core.job;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prices for job cost estimates, in US dollars: per GPU-hour by GPU type, per CPU core-hour and per GB-hour of memory.
 * The defaults are indicative on-demand cloud list prices as of {@link #DEFAULTS_DATE}; override them with
 * {@code job_prices} (e.g. {@code h100=2.5,cpu=0.03,memory_gb=0.004}).
 */
public record PriceTable(Map<String, Double> gpuHour, double cpuCoreHour, double memoryGbHour, String asOf) {
    public static final String DEFAULTS_DATE = "2026-01-15";

    public PriceTable {
        gpuHour = Map.copyOf(gpuHour);
    }

    public static PriceTable defaults() {
        Map<String, Double> gpu = new LinkedHashMap<>();
        gpu.put("h200", 3.80);
        gpu.put("h100", 2.99);
        gpu.put("a100-80gb", 1.89);
        gpu.put("a100", 1.49);
        gpu.put("l40s", 1.03);
        gpu.put("a10g", 1.01);
        gpu.put("l4", 0.80);
        gpu.put("t4", 0.53);
        gpu.put("rtx4090", 0.69);
        gpu.put("gpu", 2.00);
        return new PriceTable(gpu, 0.04, 0.005, DEFAULTS_DATE);
    }

    /** These defaults with overrides from {@code name=price} pairs ({@code cpu} and {@code memory_gb} are special). */
    public static PriceTable parse(String overrides) {
        PriceTable d = defaults();
        if (overrides == null || overrides.isBlank()) {
            return d;
        }
        Map<String, Double> gpu = new LinkedHashMap<>(d.gpuHour());
        double cpu = d.cpuCoreHour();
        double mem = d.memoryGbHour();
        for (String pair : overrides.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("job_prices entry '" + pair.strip() + "' is not name=price");
            }
            String name = kv[0].strip().toLowerCase(Locale.ROOT);
            double price;
            try {
                price = Double.parseDouble(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("job_prices entry '" + pair.strip() + "' has no numeric price");
            }
            if (!(price >= 0) || Double.isInfinite(price)) {
                throw new IllegalArgumentException("job_prices entry '" + pair.strip() + "' must be >= 0");
            }
            switch (name) {
                case "cpu" -> cpu = price;
                case "memory_gb" -> mem = price;
                default -> gpu.put(name, price);
            }
        }
        return new PriceTable(gpu, cpu, mem, d.asOf() + " with overrides");
    }

    /** Price of one GPU-hour of this type; unknown types use the generic {@code gpu} price. */
    public double gpu(String type) {
        if (type == null) {
            return gpuHour.getOrDefault("gpu", 0.0);
        }
        return gpuHour.getOrDefault(type.toLowerCase(Locale.ROOT), gpuHour.getOrDefault("gpu", 0.0));
    }
}
