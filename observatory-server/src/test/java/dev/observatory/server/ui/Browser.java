package dev.observatory.server.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its chromedriver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver};
 * {@code .ci/install-chromium.sh} installs them), with a fresh profile and no background network traffic.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("observatory.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("observatory.chromedriver", "/usr/bin/chromedriver"));
    final ChromeDriver driver;
    private final Path profile;

    Browser(int width, int height) throws IOException {
        profile = Files.createTempDirectory("obs-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits until {@code document.body.dataset[name]} is set; returns its value. */
    String awaitBodyData(String name) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> (String) js("return document.body.dataset['" + name + "'] || null"));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())",
                css);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Milliseconds from navigation start to a performance mark, or -1 when it was not set. */
    double mark(String name) {
        Object v = js("const m = performance.getEntriesByName(arguments[0]); return m.length ? m[0].startTime : -1",
                name);
        return ((Number) v).doubleValue();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> paintTimings() {
        return (Map<String, Object>) js("const o = {}; performance.getEntriesByType('paint')"
                + ".forEach(e => o[e.name] = e.startTime); return o;");
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
    }

    /** A screenshot of a taller window (more of the page), then the window size as before. */
    void tallScreenshot(Path file, int height) throws IOException {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), height));
        js("window.dispatchEvent(new Event('resize'))");
        try {
            Thread.sleep(400); // the charts re-layout 100 ms after a resize
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        screenshot(file);
        driver.manage().window().setSize(before);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
