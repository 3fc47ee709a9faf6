package dev.observatory.store.blob;

import java.net.URI;
import java.time.Instant;

/** A time-limited download link for one blob. */
public record SignedLink(URI url, Instant expires) {
}
