package dev.observatory.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.model.NewRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** With API keys configured, pages are shells without data; the browser asks for the key once and sends it. */
class WebUiAuthIT {
    private static final String KEY = "obs_test-secret-key-0123456789";

    private static HttpResponse<String> get(UiServer ui, String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ui.url(path))).GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesAreShellsAndTheDataNeedsTheKey() throws Exception {
        Path dir = Files.createTempDirectory("obs-ui-auth");
        try (UiServer ui = new UiServer(dir, List.of(KEY))) {
            ui.store.projects().getOrCreate("secret-project");
            ui.store.runs().create(NewRun.of("secret-project", "classified-run"));

            HttpResponse<String> shell = get(ui, "/projects/secret-project", null);
            assertThat(shell.statusCode()).isEqualTo(200);
            assertThat(shell.body()).doesNotContain("classified-run");
            assertThat(get(ui, "/projects/does-not-matter", null).statusCode()).as("no lookups without a key")
                    .isEqualTo(200);
            assertThat(get(ui, "/ui/app.js", null).statusCode()).isEqualTo(200);
            assertThat(get(ui, "/ui/data/runs?project=secret-project", null).statusCode()).isEqualTo(401);
            assertThat(get(ui, "/api/v1/projects", null).statusCode()).isEqualTo(401);
            assertThat(get(ui, "/ui/data/runs?project=secret-project", KEY).body()).contains("classified-run");
        }
    }

    @Test
    void theBrowserAsksForTheKeyOnceAndThenShowsTheRuns() throws Exception {
        assumeTrue(Browser.available(), "Chromium and chromedriver are missing: run .ci/install-chromium.sh");
        Path dir = Files.createTempDirectory("obs-ui-auth");
        try (UiServer ui = new UiServer(dir, List.of(KEY));
                Browser browser = new Browser(1200, 800)) {
            ui.store.projects().getOrCreate("secret-project");
            ui.store.runs().create(NewRun.of("secret-project", "classified-run"));
            browser.open(ui.url("/projects/secret-project"));
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> (Boolean) browser
                    .js("const d = document.getElementById('key-dialog');" + " return !!(d && d.open)"));
            assertThat(browser.texts("main")).noneSatisfy(t -> assertThat(t).contains("classified-run"));
            browser.find("#key-input").sendKeys(KEY);
            browser.find("#key-dialog button[type=submit]").click();
            browser.awaitBodyData("ready");
            assertThat(browser.texts("#runs tbody td.name")).containsExactly("classified-run");
            assertThat(browser.js("return sessionStorage.getItem('obs-api-key')")).isEqualTo(KEY);
            assertThat(browser.driver.getCurrentUrl()).doesNotContain(KEY);
        }
    }
}
