package dev.observatory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blob_store and the s3_* keys, and the blob store Observatory builds from them. */
class BlobConfigTest {

    @TempDir
    Path dir;

    static Config load(Map<String, String> env, Map<ConfigKey, String> flags) {
        return Config.load(null, env, new EnumMap<>(flags.isEmpty() ? Map.of(ConfigKey.DEMO, "false") : flags));
    }

    @Test
    void keepsBlobsOnTheFilesystemUnderTheDataDirectoryByDefault() {
        Config c = load(Map.of(), Map.of(ConfigKey.DATA_DIR, dir.toString()));

        assertThat(c.blobs().kind()).isEqualTo("filesystem");
        assertThat(c.blobs().root()).isEqualTo(dir.resolve("blobs"));
    }

    @Test
    void readsTheS3SettingsFromTheEnvironmentAndNeverShowsTheSecret() {
        Config c = load(Map.of("OBSERVATORY_BLOB_STORE", "s3", "OBSERVATORY_S3_BUCKET", "ckpts",
                "OBSERVATORY_S3_PREFIX", "obs/", "OBSERVATORY_S3_ENDPOINT", "http://127.0.0.1:9000",
                "OBSERVATORY_S3_REGION", "eu-west-1", "OBSERVATORY_S3_PATH_STYLE", "true",
                "OBSERVATORY_S3_ACCESS_KEY_ID", "AKIDEXAMPLE", "OBSERVATORY_S3_SECRET_ACCESS_KEY", "sup3r-s3cret"),
                Map.of());

        assertThat(c.blobs().kind()).isEqualTo("s3");
        assertThat(c.blobs().bucket()).isEqualTo("ckpts");
        assertThat(c.blobs().prefix()).isEqualTo("obs/");
        assertThat(c.blobs().pathStyle()).isTrue();
        assertThat(c.blobs().secretAccessKey()).isEqualTo("sup3r-s3cret");
        assertThat(c.toString()).doesNotContain("sup3r-s3cret");
        assertThat(c.blobs().toString()).doesNotContain("sup3r-s3cret").contains("AKIDEXAMPLE");
        assertThat(ConfigKey.S3_SECRET_ACCESS_KEY.secret()).isTrue();
    }

    @Test
    void namesTheSettingToFixForAnIncompleteS3Configuration() {
        assertThatThrownBy(() -> load(Map.of("OBSERVATORY_BLOB_STORE", "s3"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3_bucket");
        assertThatThrownBy(() -> load(Map.of("OBSERVATORY_BLOB_STORE", "s3", "OBSERVATORY_S3_BUCKET", "b",
                "OBSERVATORY_S3_ACCESS_KEY_ID", "AKID"), Map.of())).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("s3_secret_access_key");
        assertThatThrownBy(() -> load(Map.of("OBSERVATORY_BLOB_STORE", "ftp"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blob_store");
    }

    @Test
    void givesTrackingAFilesystemBlobStoreUnderTheDataDirectory() throws Exception {
        Config c = load(Map.of(), Map.of(ConfigKey.DATA_DIR, dir.toString()));

        try (Observatory o = Observatory.open(c)) {
            assertThat(o.tracking.hasBlobs()).isTrue();
            assertThat(o.tracking.blobs().kind()).isEqualTo("filesystem");
            o.tracking.blobs().put("a/b.txt", new java.io.ByteArrayInputStream(new byte[] { 1, 2 }), 2, null, null);
        }
        assertThat(dir.resolve("blobs/data/a/b.txt")).exists();
    }

    @Test
    void persistsNoBlobsWithTheMemoryStore() throws Exception {
        Config c = load(Map.of(), Map.of(ConfigKey.STORAGE, "memory", ConfigKey.DATA_DIR, dir.toString()));
        Path location;
        try (Observatory o = Observatory.open(c)) {
            location = Path.of(o.tracking.blobs().location());
            o.tracking.blobs().put("x.bin", new java.io.ByteArrayInputStream(new byte[] { 1 }), 1, null, null);
            assertThat(location).exists();
        }
        assertThat(location).doesNotExist();
        assertThat(Files.exists(dir.resolve("blobs"))).isFalse();
    }
}
