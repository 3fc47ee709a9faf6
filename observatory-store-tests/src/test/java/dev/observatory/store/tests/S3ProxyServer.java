package dev.observatory.store.tests;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** An in-process S3Proxy on a free loopback port with an in-memory store and one bucket, for the S3 blob tests. */
final class S3ProxyServer {
    static final String ACCESS_KEY = "observatory-test-access";
    static final String SECRET_KEY = "observatory-test-secret-key";
    static final String BUCKET = "artifacts";

    private static S3ProxyServer shared;

    private final S3Proxy proxy;

    private S3ProxyServer() throws Exception {
        TransientNio2BlobStore blobs = new TransientNio2BlobStore();
        blobs.createContainer(BUCKET);
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
    }

    /** One server for the whole test JVM (started on first use). */
    static synchronized S3ProxyServer shared() throws Exception {
        if (shared == null) {
            shared = new S3ProxyServer();
        }
        return shared;
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }
}
