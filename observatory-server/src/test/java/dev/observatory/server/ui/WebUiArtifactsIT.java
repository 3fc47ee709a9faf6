package dev.observatory.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.server.http.ApiKeyAuth;
import dev.observatory.server.http.HttpServer;
import dev.observatory.server.http.HttpSettings;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.blob.FileBlobStore;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The artifacts pages end to end: a server over DuckDB with a filesystem blob store, artifacts uploaded through the
 * REST API, one headless Chromium. The first test sees the empty state before anything is uploaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiArtifactsIT {
    private static final int CHECKPOINTS = 12;
    private final HttpClient client = HttpClient.newHttpClient();
    private StorageComponent store;
    private Auditor auditor;
    private FileBlobStore blobs;
    private HttpServer server;
    private Browser browser;
    private Run run;
    private Run emptyRun;
    private final List<byte[]> checkpointBytes = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Browser.available(), "Chromium and chromedriver are missing: run .ci/install-chromium.sh");
        Path dir = Files.createTempDirectory("obs-ui-artifacts-it");
        Clock clock = Clock.systemUTC();
        store = DuckDbStorage.open(dir.resolve("ui.duckdb"), clock);
        auditor = new Auditor(store.audit(), clock);
        AtomicReference<String> base = new AtomicReference<>();
        blobs = FileBlobStore.open(dir.resolve("blobs"), base::get, clock);
        Tracking tracking = new Tracking(store, clock, false, auditor, blobs);
        ApiKeyAuth auth = new ApiKeyAuth(store.keys(), List.of());
        server = WebUi.mountOn(HttpServer.builder().host("127.0.0.1").port(0).settings(HttpSettings.defaults())
                .tracking(tracking).auth(auth).version("test").stopTimeout(Duration.ZERO), tracking, auth).build();
        server.start();
        base.set(url(""));
        tracking.createProject(Actor.anonymous("test"), "vision", null);
        run = tracking.createRun(Actor.anonymous("test"), NewRun.of("vision", "resnet-long"));
        emptyRun = tracking.createRun(Actor.anonymous("test"), NewRun.of("vision", "nothing-saved"));
        browser = new Browser(1280, 900);
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
            auditor.close();
            blobs.close();
            store.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private void open(String path) {
        browser.open(url(path));
        browser.awaitBodyData("ready");
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(10));
    }

    private void upload(String path, String query, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(url("/api/v1/runs/" + run.id() + "/artifacts/" + path + query)))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** A real safetensors file: one F32 tensor of shape [2, 3 + step % 5] and its zero bytes. */
    private static byte[] safetensors(int step) {
        int cols = 3 + step % 5;
        int data = 4 * 2 * cols;
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2," + cols + "],\"data_offsets\":[0," + data + "]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }

    @Test
    @Order(1)
    void withNothingUploadedThePagesSayHowToAddArtifacts() {
        open("/artifacts");
        assertThat(browser.texts("#no-artifacts").get(0)).contains("No artifacts yet");
        assertThat(browser.texts(".sections a[aria-current=page]")).containsExactly("Artifacts");
        open("/artifacts?run=" + emptyRun.id());
        assertThat(browser.texts("#no-artifacts").get(0)).contains("This run has no artifacts yet");
        assertThat(browser.texts("#artifacts-table")).isEmpty();
    }

    @Test
    @Order(2)
    void aRunsArtifactsArePagedFilteredByKindAndDownloadableThroughTheSignedLink() throws Exception {
        for (int i = 1; i <= CHECKPOINTS; i++) {
            byte[] bytes = safetensors(i);
            checkpointBytes.add(bytes);
            upload(String.format("ckpt/step_%06d/model.safetensors", i * 100), "?kind=checkpoint&step=" + i * 100,
                    bytes);
        }
        upload("eval/report.html", "?kind=report", "<h1>eval</h1>".getBytes(StandardCharsets.UTF_8));
        upload("eval/summary.json", "?kind=report", "{\"acc\":0.9}".getBytes(StandardCharsets.UTF_8));
        upload("replays/episode_1.bin", "?kind=replay", new byte[] { 1, 2, 3 });

        open("/artifacts?run=" + run.id() + "&size=10");
        assertThat(browser.texts("#artifact-count")).containsExactly("15 artifacts");
        assertThat(browser.texts("#artifacts-table tbody tr")).hasSize(10);
        assertThat(browser.texts("#usage-kinds tbody td.name")).containsExactly("checkpoint", "report", "replay");
        assertThat(browser.texts(".page-of")).containsExactly("Page 1 of 2 · 15 in all");
        List<String> first = browser.texts("#artifacts-table tbody td.name");
        browser.js("[...document.querySelectorAll('.pager button')].find(b => b.textContent.includes('Next')).click()");
        await().until(d -> browser.texts(".page-of").equals(List.of("Page 2 of 2 · 15 in all")));
        assertThat(browser.texts("#artifacts-table tbody td.name")).hasSize(5).doesNotContainAnyElementsOf(first);

        new Select(browser.find("#f-kind")).selectByValue("report");
        browser.find("form.filters button[type=submit]").click();
        await().until(d -> browser.texts("#artifact-count").equals(List.of("2 artifacts of kind report")));
        assertThat(browser.texts("#artifacts-table tbody td.name")).containsExactly("eval/report.html",
                "eval/summary.json");
        assertThat(browser.driver.getCurrentUrl()).contains("kind=report");

        open("/artifacts?run=" + run.id() + "&kind=checkpoint&sort=step&size=25");
        assertThat(browser.texts("#artifacts-table tbody td.name")).hasSize(CHECKPOINTS)
                .startsWith("ckpt/step_000100/model.safetensors");
        browser.find("#artifacts-table tbody a").click();
        browser.awaitBodyData("ready");
        assertThat(browser.texts("#artifact-path")).containsExactly("ckpt/step_000100/model.safetensors");
        assertThat(browser.texts("#artifact-kind")).containsExactly("checkpoint");
        assertThat(browser.texts("#header-facts dd[data-fact=tensor_count]")).containsExactly("1");
        assertThat(browser.texts("#header-facts dd[data-fact=parameter_count]")).containsExactly("8");
        assertThat(browser.texts("#lineage-table tbody td")).contains("logged by", "run/" + run.id());

        String href = browser.find("#download-link").getAttribute("href");
        assertThat(href).contains("/api/v1/blobs/signed?");
        HttpResponse<byte[]> download = client.send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(checkpointBytes.get(0));
        browser.screenshot(WebUiIT.IMAGES.resolve("ui-artifact.png"));
    }

    @Test
    @Order(3)
    void storageIsShownByProjectThenByRunAndErrorsReachTheUser() {
        open("/artifacts");
        assertThat(browser.texts("#usage-projects tbody td.name")).containsExactly("vision");
        assertThat(browser.texts("#usage-total").get(0)).startsWith("15 artifacts");
        browser.find("#usage-projects tbody a").click();
        browser.awaitBodyData("ready");
        assertThat(browser.texts("#usage-runs tbody td.name")).containsExactly(run.id());

        open("/artifacts?run=" + run.id() + "&kind=weights");
        assertThat(browser.texts("#artifacts [role=alert]").get(0)).contains("unknown artifact kind 'weights'");
        open("/artifacts?run=0123456789abcdef");
        assertThat(browser.texts("#nf-title")).containsExactly("Not found");
        open("/artifacts?project=no-such-project");
        assertThat(browser.texts(".not-found .lead")).containsExactly("There is no project named “no-such-project”.");
    }
}
