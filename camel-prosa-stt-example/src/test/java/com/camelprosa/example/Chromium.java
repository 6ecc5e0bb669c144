package com.camelprosa.example;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium and chromedriver for the browser tests ({@code -Dchromium.binary}, {@code
 * -Dchromium.driver} point elsewhere). Without them, a test calling {@link #assumeInstalled()} is reported skipped.
 */
final class Chromium {

    static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    static final boolean INSTALLED = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);

    private Chromium() {
    }

    /** Call from {@code @BeforeEach}: each test then reports the skip (failing in @BeforeAll would count none). */
    static void assumeInstalled() {
        assumeTrue(INSTALLED, "Chromium and chromium-driver are not installed at " + BINARY + " and " + DRIVER
                              + " (apt-get install chromium chromium-driver)");
    }

    /** A new headless browser with its own profile under {@code dir}, and the given extra arguments. */
    static WebDriver start(Path dir, String... extra) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--window-size=820,520",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        options.addArguments(extra);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        return new ChromeDriver(service, options);
    }
}
