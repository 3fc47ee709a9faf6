package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.store.StoreException;
import dev.observatory.store.blob.BlobSettings;
import dev.observatory.store.blob.BlobStore;
import dev.observatory.store.blob.BlobStores;
import dev.observatory.store.blob.SignedLink;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The blob contract on S3, against a real S3 server (S3Proxy) started in this JVM; each test has its own prefix. */
class S3BlobStoreTest extends BlobStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String prefix;

    static BlobSettings settings(String bucket, String prefix, String secret) throws Exception {
        return BlobSettings.s3(bucket, prefix, S3ProxyServer.shared().endpoint(), "us-east-1", true,
                S3ProxyServer.ACCESS_KEY, secret);
    }

    @Override
    protected BlobStore newStore() {
        prefix = "test-" + PREFIXES.incrementAndGet() + "/";
        try {
            return BlobStores.open(settings(S3ProxyServer.BUCKET, prefix, S3ProxyServer.SECRET_KEY), () -> "unused");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Optional<byte[]> follow(SignedLink link) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(link.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    }

    @Override
    protected void passTime(Duration d) throws Exception {
        Thread.sleep(d.toMillis());
    }

    @Test
    void anUploadOfUnknownSizeBeyondOnePartGoesUpAsAMultipartUpload() throws Exception {
        String sha = BlobStreams.sha256(BlobStreams.generated(5, 20 * MB));
        store.put("mp/model.bin", BlobStreams.generated(5, 20 * MB), -1, sha, null);
        store.put("mp/undeclared.bin", BlobStreams.generated(5, 20 * MB), -1, null, null);

        try (S3Client raw = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(java.net.URI.create(S3ProxyServer.shared().endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider
                        .create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build()) {
            var head = raw.headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(prefix + "mp/model.bin"));
            assertThat(head.eTag()).as("multipart ETags end in -<parts>").endsWith("-3\"");
            assertThat(head.metadata()).containsEntry("sha256", sha);
            var undeclared = raw.headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(prefix + "mp/undeclared.bin"));
            assertThat(undeclared.metadata()).as("hash added after the upload").containsEntry("sha256", sha);
        }
    }

    @Test
    void anUnknownBucketNamesTheSettingToFix() throws Exception {
        BlobSettings s = settings("no-such-bucket", "", S3ProxyServer.SECRET_KEY);

        assertThatThrownBy(() -> BlobStores.open(s, () -> "")).isInstanceOf(StoreException.class)
                .hasMessageContaining("no-such-bucket").hasMessageContaining("s3_bucket");
    }

    @Test
    void badCredentialsNameTheSettingsToFixAndNeverTheSecret() throws Exception {
        BlobSettings s = settings(S3ProxyServer.BUCKET, "", "wrong-secret-value");

        assertThatThrownBy(() -> BlobStores.open(s, () -> "")).isInstanceOf(StoreException.class)
                .hasMessageContaining("s3_secret_access_key").hasMessageNotContaining("wrong-secret-value");
        assertThat(s.toString()).doesNotContain("wrong-secret-value");
    }
}
