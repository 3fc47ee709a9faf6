package dev.observatory.server.otlp;

import java.time.Duration;

/**
 * Settings of the OTLP receiver.
 *
 * @param maxBodyBytes
 *            largest export request, compressed and decompressed (413 above it)
 * @param maxConcurrentRequests
 *            export requests decoded and ingested at once; more wait up to {@code admissionWait}, then get 429 with
 *            Retry-After before any of their spans is read
 * @param admissionWait
 *            how long a request waits for a free slot
 */
public record OtlpSettings(long maxBodyBytes, int maxConcurrentRequests, Duration admissionWait) {
    /** 16 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 16;

    public OtlpSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("otlp_max_body_bytes must be positive, got " + maxBodyBytes);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "otlp_max_concurrent_requests must be at least 1, got " + maxConcurrentRequests);
        }
        if (admissionWait == null || admissionWait.isNegative()) {
            throw new IllegalArgumentException("admissionWait must be zero or positive, got " + admissionWait);
        }
    }

    /** 16 MiB bodies, 16 concurrent requests, half a second of waiting for a slot. */
    public static OtlpSettings defaults() {
        return new OtlpSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT_REQUESTS, Duration.ofMillis(500));
    }
}
