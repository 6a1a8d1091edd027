package io.ledgerflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for page tests, driven over WebDriver by the machine's chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}; {@code bin/install-test-deps} installs them). Nothing is
 * downloaded: the browser and driver paths are given, so Selenium never looks for its own.
 *
 * <p>Without the browser the test is skipped, unless {@code LEDGERFLOW_REQUIRE_BROWSER=1} (set by CI), which makes
 * a missing browser a failure.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {}

    public static ChromeDriver start() {
        Path browser = Path.of(env("CHROMIUM_BIN", "/usr/bin/chromium"));
        Path driver = Path.of(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        boolean present = Files.isExecutable(browser) && Files.isExecutable(driver);
        String missing = "no headless browser: " + browser + " and " + driver
                + " must exist (run bin/install-test-deps, or set CHROMIUM_BIN and CHROMEDRIVER_BIN)";
        if (!present && "1".equals(System.getenv("LEDGERFLOW_REQUIRE_BROWSER"))) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
        try {
            ChromeOptions options = new ChromeOptions()
                    .setBinary(browser.toFile())
                    // as root, without a GPU, and with the machine's closed network: no background traffic
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--window-size=1280,1000",
                            "--user-data-dir="
                                    + Files.createTempDirectory("chromium-profile")
                                            .toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort()
                    .withLogFile(File.createTempFile("chromedriver", ".log"))
                    .build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return chrome;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a browser profile", e);
        }
    }

    /** The value of a JavaScript expression on the page that is a number (e.g. a counter the page exposes). */
    public static long number(ChromeDriver browser, String expression) {
        return ((Number) browser.executeScript("return " + expression + ";")).longValue();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
