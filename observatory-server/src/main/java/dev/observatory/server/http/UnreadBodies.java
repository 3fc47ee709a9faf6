package dev.observatory.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A request answered before its body was read (401, 403, 413, 415, 429 ...) must not leave the connection open for the
 * next request: the server closes it after the answer to skip the unread bytes, and a client that reused it in the
 * meantime would see its next request fail with no response. Marking the answer {@code Connection: close} tells the
 * client before it tries. A request that asked for {@code Expect: 100-continue} is left alone: its body was never sent.
 */
public final class UnreadBodies {
    private UnreadBodies() {
    }

    /** Adds {@code Connection: close} to a not yet committed answer when the request's body was not read to its end. */
    public static void closeIfUnread(HttpServletRequest req, HttpServletResponse resp) {
        if (resp.isCommitted() || !hasBody(req)) {
            return;
        }
        if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
            // the client waits for 100 Continue before it sends the body: answered without it, no body follows and
            // Jetty keeps the connection usable; probing the body here broke 1 in 10 such answers (BadInputTest)
            return;
        }
        try {
            if (req.getInputStream().isFinished()) {
                return;
            }
        } catch (IOException | IllegalStateException e) {
            // read through getReader() or already failed: the body's state is unknown, close to be safe
        }
        resp.setHeader("Connection", "close");
    }

    private static boolean hasBody(HttpServletRequest req) {
        return req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
    }
}
