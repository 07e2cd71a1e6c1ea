package io.mailbin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with a fresh profile and a download
 * directory of its own. Nothing is fetched: Selenium Manager is never asked for a browser or a driver.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Skips the calling test class, saying why, when Debian's chromium is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "UI tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install -y chromium chromium-driver)");
    }

    public static Browser start() {
        return start(PageLoadStrategy.NORMAL);
    }

    /**
     * @param loading {@code NONE} for pages that keep a navigation pending forever (a blocked
     *                {@code <meta refresh>} to a {@code javascript:} URL): chromedriver would wait for it
     */
    public static Browser start(PageLoadStrategy loading) {
        try {
            Path profile = Files.createTempDirectory("mailbin-chromium");
            Path downloads = Files.createTempDirectory("mailbin-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
            // a dialog stays open, so a test can notice it (a script ran) instead of Selenium dismissing it
            options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
            options.setPageLoadStrategy(loading);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
            return new Browser(driver, profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    public void open(String url) {
        driver.get(url);
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to 10 s for a condition to give something other than null or false. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    public WebElement awaitVisible(String css) {
        return await(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** The text of the JavaScript dialog open now, or null. */
    public String openDialog() {
        try {
            return driver.switchTo().alert().getText();
        } catch (NoAlertPresentException e) {
            return null;
        }
    }

    /** Waits for a downloaded file to be complete and returns its bytes. */
    public byte[] downloaded(String fileName) {
        Path file = downloads.resolve(fileName);
        await(d -> Files.exists(file) && !Files.exists(downloads.resolve(fileName + ".crdownload")) ? file : null);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void screenshot(Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JavaScript value in the page, as a number of milliseconds since navigation started. */
    public double mark(String name) {
        Object v = await(d -> driver.executeScript(
                "const m = performance.getEntriesByName(arguments[0]); return m.length ? m[0].startTime : null;", name));
        assertThat(v).isInstanceOf(Number.class);
        return ((Number) v).doubleValue();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            TestMailbin.deleteRecursively(profile);
            TestMailbin.deleteRecursively(downloads);
        }
    }
}
