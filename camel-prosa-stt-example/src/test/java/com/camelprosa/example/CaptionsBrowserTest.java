package com.camelprosa.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The captions page in a real headless Chromium: its fake microphone plays the shipped spoken sample, the page streams
 * it to the app over a websocket, and the partial text shows before the final text. Saves target/captions.png.
 * Skipped (not failed) only where Chromium and its driver are not installed; CI installs them (.ci/run). Each test
 * reports the skip, with its reason. The system properties {@code chromium.binary} and {@code chromium.driver} point
 * at other installations (or at none, to see the skip).
 */
class CaptionsBrowserTest {


    @TempDir
    static Path dir;
    private static ExampleApp app;

    @BeforeAll
    static void start() throws Exception {
        if (!Chromium.INSTALLED) {
            return; // each test reports the skip: an assumption failing here would make surefire count no tests
        }
        app = new ExampleApp(new Options(dir.resolve("app"), null, null, false, Set.of("captions"), 0, null, 0, null,
                "browser-test"), Console.create()).start();
    }

    @BeforeEach
    void needsChromium() {
        Chromium.assumeInstalled();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void microphoneCaptionsShowPartialTextBeforeFinalSegmentsWithTimes() throws Exception {
        Path wav = dir.resolve("call-center.wav");
        try (var in = getClass().getResourceAsStream("/sample/call-center.wav")) {
            Files.copy(in, wav);
        }
        WebDriver browser = Chromium.start(dir, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav + "%noloop");
        try {
            // The label names the sample, so the emulator answers with its transcript.
            browser.get("http://127.0.0.1:" + app.httpPort() + "/?label=call-center.wav");
            browser.findElement(By.id("start")).click();

            List<String> sentences = FilesRouteTest.sampleSentences();
            // The picture for the README: two final segments and the third one's partial text.
            new WebDriverWait(browser, Duration.ofSeconds(40)).until(d -> finals(d).size() >= 2
                    && !d.findElement(By.id("partial")).getText().isBlank());
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/captions.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            List<Map<String, Object>> log = log(browser);
            int firstPartial = indexOf(log, "PARTIAL");
            int firstResult = indexOf(log, "RESULT");
            assertTrue(firstPartial >= 0 && firstPartial < firstResult, "a partial shows before the final text: " + log);
            assertTrue(sentences.get(0).startsWith((String) log.get(firstPartial).get("text")),
                    "the partial is the start of the first sentence: " + log.get(firstPartial));
            assertEquals(sentences.get(0), log.get(firstResult).get("text"));
            List<String> shown = finals(browser);
            assertTrue(shown.get(0).matches("\\d+\\.\\d–\\d+\\.\\d s" + java.util.regex.Pattern.quote(sentences.get(0))),
                    "final segments show with their times: " + shown);

            browser.findElement(By.id("stop")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> indexOf(log(d), "END") >= 0);
        } finally {
            browser.quit();
        }
    }

    @Test
    void aFileIsTranscribedTheSameWay() throws Exception {
        Path wav = dir.resolve("upload/call-center.wav");
        Files.createDirectories(wav.getParent());
        try (var in = getClass().getResourceAsStream("/sample/call-center.wav")) {
            Files.copy(in, wav);
        }
        WebDriver browser = Chromium.start(dir);
        try {
            browser.get("http://127.0.0.1:" + app.httpPort() + "/");
            browser.findElement(By.id("file")).sendKeys(wav.toString());
            new WebDriverWait(browser, Duration.ofSeconds(40)).until(d -> indexOf(log(d), "END") >= 0);
            List<String> shown = finals(browser);
            assertEquals(3, shown.size(), shown.toString());
            assertTrue(shown.get(2).endsWith(FilesRouteTest.sampleSentences().get(2)), shown.toString());
        } finally {
            browser.quit();
        }
    }


    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> log(WebDriver d) {
        return (List<Map<String, Object>>) ((JavascriptExecutor) d).executeScript("return window.captionLog;");
    }

    private static List<String> finals(WebDriver d) {
        return d.findElements(By.cssSelector("#finals .final")).stream().map(e -> e.getText().replace("\n", ""))
                .toList();
    }

    private static int indexOf(List<Map<String, Object>> log, String type) {
        for (int i = 0; i < log.size(); i++) {
            if (type.equals(log.get(i).get("type"))) {
                return i;
            }
        }
        return -1;
    }
}
