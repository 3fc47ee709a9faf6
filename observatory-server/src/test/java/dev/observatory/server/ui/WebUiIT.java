package dev.observatory.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observatory.core.demo.DemoData;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web UI end to end: a real server with the demo data, driven by headless Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiIT {
    static final Path IMAGES = Path.of("..", "docs", "images");
    static final String XSS_NAME = "<img src=x onerror=\"document.body.dataset.pwned=1\">";
    private Path dir;
    private UiServer ui;
    private Browser browser;
    private Run million;
    private Run hostile;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Browser.available(), "Chromium and chromedriver are missing: run .ci/install-chromium.sh");
        dir = Files.createTempDirectory("obs-ui-it");
        ui = new UiServer(dir, List.of());
        DemoData.write(ui.store, 42, Instant.now());
        million = ui.runWithSeries("perf", "one-million-points", Map.of("lr", 0.001), 1, "train/loss", 1_000_000);
        ui.store.projects().getOrCreate("security");
        hostile = ui.store.runs()
                .create(new NewRun("security", XSS_NAME, RunStatus.FAILED, "<b>mallory</b>",
                        List.of("<script>alert(1)</script>"),
                        Map.of("note", "</td><script>document.body.dataset.pwned=2" + "</script>"),
                        "<img src=x onerror=alert(1)>", Instant.now().minusSeconds(60), null, null));
        browser = new Browser(1440, 1000);
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

    private List<String> rowNames() {
        return browser.texts("#runs tbody td.name");
    }

    private void openProject(String project) {
        browser.open(ui.url("/projects/" + project));
        browser.awaitBodyData("ready");
    }

    /** Waits until the table shows the data of the latest request (the rows differ from {@code before}). */
    private void awaitRowsChange(List<String> before) {
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10)).until(d -> !rowNames().equals(before));
    }

    @Test
    void runsTableRendersTheDemoRuns() throws IOException {
        browser.open(ui.url("/"));
        browser.awaitBodyData("ready");
        assertThat(browser.texts(".card h2")).contains("llm-finetune", "vision-resnet", "rl-agents");
        browser.find("a.card[href='/projects/llm-finetune']").click();
        browser.awaitBodyData("ready");
        List<String> expected = ui.store.runs().list(RunQuery.all("llm-finetune", 100)).stream().map(Run::name)
                .toList();
        assertThat(rowNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(browser.texts("#run-count").get(0)).isEqualTo(expected.size() + " runs");
        assertThat(browser.texts("#runs thead th")).contains("Name", "Status", "Duration")
                .anySatisfy(h -> assertThat(h).contains("eval/"));
        assertThat(browser.texts("#runs tbody .status")).contains("finished", "failed", "running");
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot(IMAGES.resolve("runs-table.png"));
    }

    @Test
    void userDataIsShownAsTextNeverAsMarkup() {
        openProject("security");
        assertThat(rowNames()).containsExactly(XSS_NAME);
        assertThat(browser.texts("#runs tbody td")).contains("<b>mallory</b>");
        browser.open(ui.url("/runs/" + hostile.id()));
        browser.awaitBodyData("chartsDrawn");
        assertThat(browser.texts("h1")).contains(XSS_NAME);
        assertThat(browser.texts(".tree .v")).contains("</td><script>document.body.dataset.pwned=2</script>");
        assertThat(browser.js("return document.querySelectorAll('img[src=x], main script').length")).isEqualTo(0L);
        assertThat(browser.js("return document.body.dataset.pwned || null")).isNull();
    }

    @Test
    void sortingByAnyColumnReordersTheRows() {
        browser.open(ui.url("/projects/llm-finetune?params=optimizer.lr,model.name"));
        browser.awaitBodyData("ready");
        List<String> before = rowNames();
        browser.find("#runs thead th:nth-child(2) button").click(); // Name: ascending
        awaitRowsChange(before);
        List<String> byName = rowNames();
        assertThat(byName).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(browser.find("#runs thead th:nth-child(2)").getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(browser.driver.getCurrentUrl()).contains("sort=name").contains("order=asc");

        browser.find("#runs thead th:nth-child(2) button").click(); // Name: descending
        awaitRowsChange(byName);
        assertThat(rowNames()).isSortedAccordingTo(Comparator.reverseOrder());

        List<String> descending = rowNames();
        WebElement lrHeader = browser.driver.findElements(By.cssSelector("#runs thead th")).stream()
                .filter(th -> th.getText().startsWith("optimizer.lr")).findFirst().orElseThrow();
        lrHeader.findElement(By.tagName("button")).click(); // a param column, sorted on the server
        awaitRowsChange(descending);
        int col = ((Number) browser.js("return [...document.querySelectorAll('#runs thead th')]"
                + ".findIndex(th => th.textContent.startsWith('optimizer.lr')) + 1")).intValue();
        List<Double> lrs = browser.texts("#runs tbody td:nth-child(" + col + ")").stream().filter(s -> !s.isEmpty())
                .map(Double::parseDouble).toList();
        assertThat(lrs).hasSizeGreaterThan(5).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void filteringByStatusTagParamAndMetricNarrowsTheRows() {
        openProject("llm-finetune");
        List<String> all = rowNames();
        browser.find("input[name=status][value=finished]").click();
        browser.find("#f-tag").sendKeys("lora");
        browser.find("form.filters button[type=submit]").click();
        awaitRowsChange(all);
        List<Run> expected = ui.store.runs().list(new RunQuery("llm-finetune", java.util.Set.of(RunStatus.FINISHED),
                List.of("lora"), null, null, null, "created_at", true, 100, 0));
        assertThat(expected).isNotEmpty();
        assertThat(rowNames()).containsExactlyInAnyOrderElementsOf(expected.stream().map(Run::name).toList());
        assertThat(browser.texts("#runs tbody .status")).containsOnly("finished");

        List<String> lora = rowNames();
        browser.find("#f-param").sendKeys("model.lora.r=16");
        browser.find("#f-metric").sendKeys("eval/loss<100");
        browser.find("#f-metric").sendKeys(Keys.ENTER);
        awaitRowsChange(lora);
        assertThat(rowNames()).isNotEmpty().allSatisfy(n -> assertThat(n).contains("r16"));
        assertThat(browser.driver.getCurrentUrl()).contains("param=model.lora.r%3D16");
    }

    @Test
    void keyboardMovesBetweenRowsAndSelects() {
        openProject("llm-finetune");
        WebElement first = browser.find("#runs tbody tr:first-child td.name a");
        first.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.js("return document.activeElement.closest('tr').rowIndex")).isEqualTo(2L);
        browser.driver.switchTo().activeElement().sendKeys("x");
        assertThat(browser.find("#runs tbody tr:nth-child(2)").getAttribute("class")).contains("selected");
    }

    @Test
    void runPageDrawsAChartForEveryMetric() throws IOException {
        Run run = ui.store.runs().list(RunQuery.all("llm-finetune", 100)).stream()
                .filter(r -> r.name().equals("llama3.2-1b-sft-lr3e-3-nowarmup")).findFirst().orElseThrow();
        int keys = ui.store.metrics().summaries(run.id()).size();
        browser.open(ui.url("/runs/" + run.id()));
        assertThat(browser.awaitBodyData("chartsDrawn")).isEqualTo(String.valueOf(keys));
        assertThat(browser.texts(".chart-card")).hasSize(keys);
        assertThat(browser.texts("h3.group")).contains("train/", "eval/", "system/");
        for (Object painted : (List<?>) browser.js("return [...document.querySelectorAll('.chart')].map(el => {"
                + " const c = el.querySelector('canvas'); if (!c) return 0;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;"
                + " const o = echarts.getInstanceByDom(el).getOption();"
                + " return o.series[0].data.filter(p => p[1] !== null).length > 1 ? n : 0; })")) {
            assertThat(((Number) painted).longValue()).as("painted pixels of a chart").isGreaterThan(1000);
        }
        assertThat(browser.texts(".chart-card .badge")).as("the diverged run's NaN tail is flagged").isNotEmpty();
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(d -> !browser.texts("#log-lines li").isEmpty());
        browser.js("window.scrollTo(0, 0)");
        browser.tallScreenshot(IMAGES.resolve("run-page.png"), 1500);
        browser.find("#theme-button").click();
        browser.tallScreenshot(IMAGES.resolve("run-page-dark.png"), 1500);
        browser.find("#theme-button").click();
    }

    @Test
    void zoomingRefetchesTheVisibleRangeAtFullResolution() {
        browser.open(ui.url("/runs/" + million.id()));
        browser.awaitBodyData("chartsDrawn");
        String inRange = "return echarts.getInstanceByDom(document.querySelector('.chart')).getOption().series[0]"
                + ".data.filter(p => p[0] >= 500000 && p[0] <= 501000).length";
        long before = ((Number) browser.js(inRange)).longValue();
        browser.js("echarts.getInstanceByDom(document.querySelector('.chart'))"
                + ".dispatchAction({type: 'dataZoom', start: 50, end: 50.1})");
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(d -> ((Number) browser.js(inRange)).longValue() > 500);
        assertThat(before).isLessThan(50);
    }

    @Test
    void aRunningRunsLogTailFollowsNewLinesWithoutReload() {
        Run running = ui.store.runs().list(RunQuery.all("llm-finetune", 100)).stream()
                .filter(r -> r.status() == RunStatus.RUNNING).findFirst().orElseThrow();
        browser.open(ui.url("/runs/" + running.id()));
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(d -> !browser.texts("#log-lines li").isEmpty());
        browser.js("document.body.dataset.marker = 'same-page'");
        ui.tracking.logLines(dev.observatory.core.Actor.anonymous("test"), running.id(), List
                .of(new dev.observatory.model.LogLine(null, 0, Instant.now(), "stdout", "INFO", "live <line> 4242")));
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(d -> browser.texts("#log-lines li").stream().anyMatch(l -> l.endsWith("live <line> 4242")));
        assertThat(browser.js("return document.body.dataset.marker")).isEqualTo("same-page");
    }

    @Test
    void deepLinksOpenAMetricAndTheLogs() {
        Run run = ui.store.runs().list(RunQuery.all("llm-finetune", 100)).stream()
                .filter(r -> r.name().equals("llama3.2-1b-sft-baseline")).findFirst().orElseThrow();
        browser.open(ui.url("/runs/" + run.id() + "?metric=eval%2Floss"));
        browser.awaitBodyData("chartsDrawn");
        assertThat(browser.texts(".chart-card.focus h3")).containsExactly("eval/loss");
        browser.open(ui.url("/runs/" + run.id() + "/logs"));
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(d -> "log-lines".equals(browser.js("return document.activeElement.id")));
        browser.find("#log-search").sendKeys("loss");
        new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(d -> !browser.texts("#log-lines mark").isEmpty());
        assertThat(browser.texts("#log-lines li")).allSatisfy(l -> assertThat(l.toLowerCase()).contains("loss"));
    }

    @Test
    void compareOverlaysTheSelectedRuns() throws IOException {
        openProject("vision-resnet");
        List<WebElement> boxes = browser.driver.findElements(By.cssSelector("#runs tbody input[type=checkbox]"));
        boxes.get(0).click();
        boxes.get(1).click();
        browser.find("#compare-button").click();
        String drawn = browser.awaitBodyData("chartsDrawn");
        assertThat(browser.driver.getCurrentUrl()).contains("/compare?runs=");
        assertThat(Integer.parseInt(drawn)).isPositive();
        List<?> seriesPerChart = (List<?>) browser.js("return [...document.querySelectorAll('.chart')].map(el =>"
                + " echarts.getInstanceByDom(el).getOption().series.filter(s => s.data.length > 0).length)");
        assertThat(seriesPerChart).isNotEmpty().allSatisfy(n -> assertThat(((Number) n).intValue()).isEqualTo(2));
        assertThat(browser.texts(".legend-list li")).hasSize(2);
        assertThat(browser.texts("table.diff tr.differs th")).isNotEmpty();
        browser.js("window.scrollTo(0, 0)");
        browser.tallScreenshot(IMAGES.resolve("compare.png"), 1300);
    }

    @Test
    void aMillionPointMetricRendersInUnderOneSecond() {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // the first load also compiles ECharts; report the best of three
            browser.open(ui.url("/runs/" + million.id()));
            assertThat(browser.awaitBodyData("chartsDrawn")).isEqualTo("1");
            times.add(browser.mark("obs-charts-drawn"));
        }
        long points = ((Number) browser.js("return echarts.getInstanceByDom(document.querySelector('.chart'))"
                + ".getOption().series[0].data.length")).longValue();
        System.out.printf(
                "1,000,000-point metric: drawn %.0f ms after navigation start (runs: %s), %d points" + " drawn%n",
                times.stream().min(Double::compare).orElseThrow(), times, points);
        assertThat(points).isBetween(100L, 8_000L);
        assertThat(times.stream().min(Double::compare).orElseThrow()).isLessThan(1000.0);
    }

    @Test
    void aBadRunIdShowsAHelpful404Page() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(ui.url("/runs/no-such-run"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("html"));
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(c -> assertThat(c).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        browser.open(ui.url("/runs/no-such-run"));
        assertThat(browser.texts("h1")).containsExactly("Not found");
        assertThat(browser.texts("main").get(0)).contains("There is no run with id “no-such-run”")
                .contains("All projects");
        browser.open(ui.url("/projects/nope"));
        assertThat(browser.texts("main p.lead")).containsExactly("There is no project named “nope”.");
    }
}
