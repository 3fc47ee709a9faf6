package dev.observatory.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The section pages (models, jobs, traces, SLOs) end to end: one server over DuckDB with seeded data, one headless
 * Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiPagesIT {
    static final Path IMAGES = WebUiIT.IMAGES;
    private UiServer ui;
    private Browser browser;
    private SectionSeed seed;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Browser.available(), "Chromium and chromedriver are missing: run .ci/install-chromium.sh");
        Path dir = Files.createTempDirectory("obs-ui-pages-it");
        ui = new UiServer(dir, List.of());
        seed = new SectionSeed(ui.tracking, dir);
        browser = new Browser(1280, 800);
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (ui != null) {
            ui.close();
        }
    }

    private void open(String path) {
        browser.open(ui.url(path));
        browser.awaitBodyData("ready");
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(10));
    }

    private String tableBody(String table) {
        return (String) browser.js("return document.querySelector(arguments[0] + ' tbody').innerHTML", table);
    }

    /** Clicks a pager button and waits until the table shows other rows. */
    private void turnPage(String table, String button) {
        String before = tableBody(table);
        browser.js("[...document.querySelectorAll('.pager button')].find(b => b.textContent.includes(arguments[0]))"
                + ".click()", button);
        await().until(d -> !tableBody(table).equals(before));
    }

    @Test
    void modelsArePagedOnTheServerAndAModelShowsVersionsStagesAliasesAndItsRun() throws IOException {
        open("/models?size=10");
        assertThat(browser.texts("#models-table tbody tr")).hasSize(10);
        assertThat(browser.texts("#model-count")).containsExactly(SectionSeed.MODELS + " models");
        assertThat(browser.texts(".sections a[aria-current=page]")).containsExactly("Models");
        List<String> first = browser.texts("#models-table tbody td.name");
        turnPage("#models-table", "Next");
        assertThat(browser.texts("#models-table tbody td.name")).hasSize(10).doesNotContainAnyElementsOf(first);
        assertThat(browser.driver.getCurrentUrl()).contains("page=2");
        assertThat(browser.texts(".page-of").get(0)).startsWith("Page 2 of 4");

        open("/models?q=resnet");
        assertThat(browser.texts("#models-table tbody td.name")).containsExactly("resnet-classifier");
        browser.find("#models-table tbody a").click();
        browser.awaitBodyData("ready");
        assertThat(browser.texts("#model-name")).containsExactly("resnet-classifier");
        assertThat(browser.texts("#model-aliases")).containsExactly("champion → v3");
        assertThat(browser.texts("#versions-table tbody .version")).containsExactly("v3", "v2", "v1");
        assertThat(browser.texts("#versions-table tbody .stage")).containsExactly("Production", "Archived", "None");
        await().until(d -> browser.texts("#versions-table a.run-link").contains("resnet50-sweep-best"));
        assertThat(browser.find("#versions-table a.run-link").getAttribute("href")).endsWith("/runs/" + seed.run.id());
        browser.screenshot(IMAGES.resolve("ui-models.png"));
    }

    @Test
    void jobsShowStatusColoursAndAJobFollowsItsLogAndGuardrails() throws IOException {
        open("/jobs?size=10");
        assertThat(browser.texts("#jobs-table tbody tr")).hasSize(10);
        assertThat(browser.texts("#job-count")).containsExactly((SectionSeed.JOBS + 2) + " jobs");
        assertThat(browser.texts("#jobs-table .status")).contains("running", "guardrail_stopped");
        Object colours = browser
                .js("const c = s => getComputedStyle(document.querySelector('#jobs-table .status.' + s))"
                        + ".color; return [c('running'), c('guardrail_stopped')]");
        assertThat((List<?>) colours).doesNotHaveDuplicates();
        browser.screenshot(IMAGES.resolve("ui-jobs.png"));
        turnPage("#jobs-table", "Next");
        assertThat(browser.driver.getCurrentUrl()).contains("page=2");

        open("/jobs/" + seed.runningJob.id());
        await().until(d -> browser.texts("#job-log li").contains("epoch 1 step 20 loss=2.05"));
        assertThat(browser.find("#follow").isSelected()).isTrue();
        browser.js("document.body.dataset.marker = 'same-page'");
        Files.writeString(seed.runningLog, "epoch 2 step 30 loss=<1.90>\n", StandardOpenOption.APPEND);
        await().until(d -> browser.texts("#job-log li").contains("epoch 2 step 30 loss=<1.90>"));
        assertThat(browser.js("return document.body.dataset.marker")).isEqualTo("same-page");

        open("/jobs/" + seed.guardrailJob.id());
        assertThat(browser.texts("#guardrail").get(0)).contains("Guardrail nan fired at step 1200")
                .contains("loss became NaN at step 1200");
        assertThat(browser.texts("#events-table tbody td")).contains("critical",
                "guardrail nan: loss became NaN <b>at</b> step 1200");
        assertThat(browser.texts("#job-status .status")).containsExactly("guardrail_stopped");
        assertThat(browser.find("#follow").isSelected()).isFalse();
    }

    @Test
    void tracesArePagedByCursorAndATraceDrawsItsWaterfall() throws IOException {
        open("/traces?size=10");
        assertThat(browser.texts("#traces-table tbody tr")).hasSize(10);
        Object newest = browser.js("return [...document.querySelectorAll('#traces-table tbody a')].map(a => a.href)");
        turnPage("#traces-table", "Older");
        assertThat(browser.texts(".page-of")).containsExactly("Page 2");
        turnPage("#traces-table", "Newer");
        assertThat(browser.js("return [...document.querySelectorAll('#traces-table tbody a')].map(a => a.href)"))
                .isEqualTo(newest);
        assertThat(browser.texts("#traces-table tbody td:nth-child(7)")).contains("1,500");

        open("/traces?errors=true");
        assertThat(browser.texts("#traces-table tbody tr")).hasSize(1);
        browser.find("#traces-table tbody a").click();
        browser.awaitBodyData("ready");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/traces/" + seed.errorTrace);
        assertThat(browser.texts("#waterfall tbody tr")).hasSize(3);
        assertThat(browser.texts("#waterfall tbody .wf-name")).containsExactly("POST /chat", "chat gpt-4o-mini",
                "tools/call search");
        assertThat(browser.texts("#waterfall .err-count")).contains("TimeoutError");
        Object bars = browser
                .js("return [...document.querySelectorAll('.wf-bar')].map(b => b.getBoundingClientRect()" + ".width)");
        assertThat((List<?>) bars).hasSize(3).allSatisfy(w -> assertThat(((Number) w).doubleValue()).isPositive());
        assertThat(((Number) ((List<?>) bars).get(0)).doubleValue())
                .isGreaterThan(((Number) ((List<?>) bars).get(2)).doubleValue());
        assertThat(browser.js("return document.querySelectorAll('.wf-bar.critical').length")).isEqualTo(3L);
        browser.find("#waterfall tbody tr:first-child").sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.js("return document.activeElement.rowIndex")).isEqualTo(2L);
        browser.screenshot(IMAGES.resolve("ui-traces.png"));
    }

    @Test
    void slosShowBudgetAndBurnRatesAndTheFiringAlerts() throws IOException {
        open("/slos?size=10");
        assertThat(browser.texts("#slos-table tbody tr")).hasSize(10);
        assertThat(browser.texts("#slo-count")).containsExactly(SectionSeed.SLOS + " SLOs");
        assertThat(browser.texts("#slos-table .budget")).hasSize(10).allSatisfy(b -> assertThat(b).endsWith("%"));
        assertThat(browser.texts("#slos-table .chip.burn")).anySatisfy(c -> assertThat(c).startsWith("1h "));
        assertThat(browser.texts("#slos-table tbody td:nth-child(10)"))
                .allSatisfy(n -> assertThat(n).isNotEqualTo("0"));
        assertThat(browser.texts("#alerts-table tbody td.name")).containsExactly("loss-too-high");
        assertThat(browser.texts("#alerts-table .sev")).containsExactly("critical");
        browser.screenshot(IMAGES.resolve("ui-slos.png"));
        turnPage("#slos-table", "Next");
        assertThat(browser.texts("#slos-table tbody tr")).hasSize(SectionSeed.SLOS - 10);
    }

    @Test
    void badIdsAnswerAHelpful404Page() throws Exception {
        for (String path : List.of("/models/no-such-model", "/jobs/0000000000000000", "/traces/" + "ab".repeat(16),
                "/traces/not-hex", "/slos/x")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ui.url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        }
        browser.open(ui.url("/models/no-such-model"));
        assertThat(browser.texts("h1")).containsExactly("Not found");
        assertThat(browser.texts("main p.lead")).containsExactly("There is no registered model named “no-such-model”.");
        assertThat(browser.find("main a[href='/models']").getText()).isEqualTo("Models");
        browser.open(ui.url("/jobs/nope"));
        assertThat(browser.texts("main p.lead")).containsExactly("There is no job with id “nope”.");
        browser.open(ui.url("/traces/" + "ab".repeat(16)));
        assertThat(browser.texts("main").get(0)).contains("There is no trace with id").contains("retention");
    }

    @Test
    void userDataIsShownAsTextNeverAsMarkup() {
        open("/models?q=img");
        assertThat(browser.texts("#models-table tbody td.name")).containsExactly(SectionSeed.XSS);
        assertThat(browser.texts("#models-table tbody td"))
                .contains("</td><script>document.body.dataset.pwned=2" + "</script>", "<b>mallory</b>");
        open("/jobs/" + seed.guardrailJob.id());
        assertThat(browser.texts("h1")).contains(SectionSeed.XSS);
        open("/traces/" + seed.xssTrace);
        assertThat(browser.texts("#trace-name")).containsExactly(SectionSeed.XSS);
        open("/slos");
        assertThat(browser.js("return document.querySelector('.slo-name').title")).isEqualTo(SectionSeed.XSS);
        for (String page : List.of("/models?q=img", "/models/" + java.net.URLEncoder
                .encode(SectionSeed.XSS, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))) {
            open(page);
            assertThat(browser.js("return document.querySelectorAll('img[src=x], main script').length")).isEqualTo(0L);
        }
        assertThat(browser.js("return document.body.dataset.pwned || null")).isNull();
    }

    @Test
    void everyPageLinksEverySectionAndTablesMoveByArrowKeys() {
        open("/jobs");
        assertThat(browser.texts(".sections a")).containsExactly("Projects", "Models", "Jobs", "Traces", "Artifacts",
                "SLOs");
        assertThat(browser.texts(".sections a[aria-current=page]")).containsExactly("Jobs");
        browser.find("#jobs-table tbody tr:first-child a").sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.js("return document.activeElement.closest('tr').rowIndex")).isEqualTo(2L);
        browser.driver.switchTo().activeElement().sendKeys(Keys.END);
        assertThat(browser.js("return document.activeElement.closest('tr').rowIndex"))
                .isEqualTo((long) Math.min(25, SectionSeed.JOBS + 2));
        assertThat(browser.js("return document.querySelector('#jobs-table caption').textContent"))
                .isEqualTo("Training jobs");
        browser.find(".sections a[href='/traces']").click();
        browser.awaitBodyData("ready");
        assertThat(browser.texts(".sections a[aria-current=page]")).containsExactly("Traces");
    }
}
