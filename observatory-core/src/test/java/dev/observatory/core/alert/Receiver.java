package dev.observatory.core.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A real HTTP receiver on a loopback port 0 that records the requests; optionally answers with a status or waits. */
final class Receiver implements AutoCloseable {
    /** One request received. */
    record Request(String path, String body, String signature) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final HttpServer server;
    final CountDownLatch release = new CountDownLatch(1);
    volatile int status = 200;
    volatile boolean hold;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(ex.getRequestURI().getPath(), body,
                    ex.getRequestHeaders().getFirst(HttpSink.SIGNATURE)));
            if (hold) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Waits until n requests arrived (at most 10 s). */
    Receiver await(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return this;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
