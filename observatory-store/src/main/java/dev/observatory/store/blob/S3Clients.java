package dev.observatory.store.blob;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The SDK client and presigner of an S3 store, built from the settings. */
record S3Clients(S3Client s3, S3Presigner presigner) {

    static S3Clients build(BlobSettings s) {
        Region region = Region.of(s.region().isEmpty() ? "us-east-1" : s.region());
        AwsCredentialsProvider credentials = s.accessKeyId().isEmpty() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
        URI endpoint = endpoint(s);
        // Checksums only where S3 requires them: many S3-compatible servers do not accept the SDK's trailing CRCs.
        S3ClientBuilder b = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(region)
                .credentialsProvider(credentials).forcePathStyle(s.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        S3Presigner.Builder p = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build());
        if (endpoint != null) {
            b.endpointOverride(endpoint);
            p.endpointOverride(endpoint);
        }
        return new S3Clients(b.build(), p.build());
    }

    private static URI endpoint(BlobSettings s) {
        if (s.endpoint().isEmpty()) {
            return null;
        }
        try {
            URI u = URI.create(s.endpoint());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "s3_endpoint must be a URL such as http://127.0.0.1:9000, got '" + s.endpoint() + "'");
        }
    }
}
