package dev.observatory.core.benchmark;

import java.io.IOException;

/** One worker's connection to the endpoint: sends a request and reads the whole answer. Not thread-safe. */
interface Transport extends AutoCloseable {

    /** What came back: HTTP status and body (the body only when asked for, else empty). */
    record Answer(int status, byte[] body) {
    }

    Answer send(int payload) throws IOException;

    @Override
    void close();
}
