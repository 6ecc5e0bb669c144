package com.camelprosa.example;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.ProsaSttConstants;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The WebVTT that {@code outputType=vtt} makes, played as a {@code <track>} of a {@code <video>} in a real headless
 * Chromium: the browser's own WebVTT parser must find one cue per segment of the transcript of the same audio, with
 * its times, its text and, for a stereo call with named channels, its speaker as a voice. Skipped (not failed) only
 * where Chromium and its driver are not installed; CI installs them (.ci/run). Each test reports the skip, with its
 * reason. The system properties {@code chromium.binary} and {@code chromium.driver} point at other installations (or
 * at none, to see the skip).
 */
class SubtitlesBrowserTest {

    private static final String KEY = "subtitles-browser-test-key";
    /** Half a millisecond: the file holds times rounded to the millisecond, the browser reads them as doubles. */
    private static final double MS = 0.0005 + 1e-9;

    private static final String PAGE = """
            <!doctype html>
            <meta charset="utf-8">
            <video id="video" muted></video>
            <script>
              const track = document.createElement('track');
              track.kind = 'captions';
              track.srclang = 'id';
              track.label = 'Bahasa Indonesia';
              track.src = 'captions.vtt';
              window.trackState = 'loading';
              track.addEventListener('load', () => window.trackState = 'loaded');
              track.addEventListener('error', () => window.trackState = 'error');
              document.getElementById('video').appendChild(track);
              track.track.mode = 'hidden'; // loads the track without a video to play
            </script>
            """;

    @TempDir
    static Path dir;
    private static ProsaSttEmulator emulator;
    private static CamelContext camel;
    private static ProducerTemplate template;
    private static HttpServer http;
    private static volatile byte[] vtt = new byte[0];

    @BeforeAll
    static void start() throws Exception {
        if (!Chromium.INSTALLED) {
            return; // each test reports the skip: an assumption failing here would make surefire count no tests
        }
        emulator = ProsaSttEmulator.builder().apiKey(KEY)
                .transcripts(script("call-center.transcript.json").with(script("call-stereo.transcript.json"))).build()
                .start();
        camel = new DefaultCamelContext();
        camel.start();
        template = camel.createProducerTemplate();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            boolean captions = exchange.getRequestURI().getPath().equals("/captions.vtt");
            byte[] body = captions ? vtt : PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    captions ? "text/vtt; charset=utf-8" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    @BeforeEach
    void needsChromium() {
        Chromium.assumeInstalled();
    }

    @AfterAll
    static void stop() throws Exception {
        if (http != null) {
            http.stop(0);
        }
        if (camel != null) {
            camel.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void everySegmentOfTheCallIsACueWithItsTimesAndText() throws Exception {
        List<Map<String, Object>> cues = play("call-center.wav", "");
        List<Segment> segments = transcript("call-center.wav", "");

        assertEquals(3, segments.size());
        assertCuesAreSegments(segments, cues, false);
    }

    @Test
    void theSpeakersOfAStereoCallAreVoices() throws Exception {
        String split = "splitChannels=true&channelNames=agent,customer&";
        List<Map<String, Object>> cues = play("call-stereo.wav", split);
        List<Segment> segments = transcript("call-stereo.wav", split);

        assertEquals(List.of("agent", "customer", "agent", "customer"), segments.stream().map(Segment::speaker).toList());
        assertCuesAreSegments(segments, cues, true);
    }

    /** The browser's cues of the WebVTT the component made of {@code sample}: start, end, text and voice of each. */
    private static List<Map<String, Object>> play(String sample, String options) throws Exception {
        String body = template.requestBodyAndHeader(endpoint(options + "outputType=vtt"), audio(sample),
                ProsaSttConstants.LABEL, sample, String.class);
        vtt = body.getBytes(StandardCharsets.UTF_8);
        WebDriver browser = Chromium.start(dir);
        try {
            browser.get("http://127.0.0.1:" + http.getAddress().getPort() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(d -> !"loading".equals(((JavascriptExecutor) d).executeScript("return window.trackState;")));
            assertEquals("loaded", ((JavascriptExecutor) browser).executeScript("return window.trackState;"),
                    "Chromium loaded the track:\n" + body);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cues = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript("""
                    return Array.from(document.querySelector('track').track.cues).map(c => {
                      const voice = c.getCueAsHTML().querySelector('span[title]');
                      return {start: c.startTime, end: c.endTime, text: c.getCueAsHTML().textContent,
                              voice: voice ? voice.title : null};
                    });
                    """);
            return cues;
        } finally {
            browser.quit();
        }
    }

    private static List<Segment> transcript(String sample, String options) throws Exception {
        return template.requestBodyAndHeader(endpoint(options + "outputType=transcript"), audio(sample),
                ProsaSttConstants.LABEL, sample, Transcript.class).segments();
    }

    private static void assertCuesAreSegments(List<Segment> segments, List<Map<String, Object>> cues, boolean voices) {
        assertEquals(segments.size(), cues.size(), "cues: " + cues);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Map<String, Object> cue = cues.get(i);
            assertEquals(s.start(), ((Number) cue.get("start")).doubleValue(), MS, "start of cue " + i);
            assertEquals(s.end(), ((Number) cue.get("end")).doubleValue(), MS, "end of cue " + i);
            // a line break of a wrapped cue is a space of the segment
            assertEquals(s.text(), ((String) cue.get("text")).replace('\n', ' '), "text of cue " + i);
            assertEquals(voices ? s.speaker() : null, cue.get("voice"), "voice of cue " + i);
        }
    }

    private static String endpoint(String options) {
        return "prosa-stt:general?url=" + emulator.url() + "&apiKey=RAW(" + KEY + ")&" + options;
    }

    private static byte[] audio(String sample) throws IOException {
        try (InputStream in = SubtitlesBrowserTest.class.getResourceAsStream("/sample/" + sample)) {
            return in.readAllBytes();
        }
    }

    private static TranscriptScript script(String name) throws IOException {
        try (InputStream in = SubtitlesBrowserTest.class.getResourceAsStream("/sample/" + name)) {
            return TranscriptScript.load(in);
        }
    }

}
