package com.camelprosa.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /transcripts against the running application (offline: its in-process emulator), over real HTTP. */
class HttpRouteTest {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouteTest.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ExampleApp app;
    private static byte[] sample;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        sample = HttpRouteTest.class.getResourceAsStream("/sample/call-center.wav").readAllBytes();
        app = new ExampleApp(new Options(dir, null, null, false, Set.of("http"), 0, null, 0, null, "http-test"),
                Console.create())
                .property("example.http.max-bytes", Integer.toString(sample.length + 1000))
                .property("example.http.response-timeout", "1500")
                .property("example.http.retry-after", "7")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void rawAudioBodyGetsAJsonTranscriptWithSegmentTimes() throws Exception {
        HttpResponse<String> r = post("/transcripts?label=call-center.wav", "audio/wav", sample, null);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode t = JSON.readTree(r.body());
        assertEquals(String.join(" ", FilesRouteTest.sampleSentences()), t.get("text").asText());
        assertEquals(3, t.get("segments").size());
        assertTrue(t.at("/segments/2/end").asDouble() > t.at("/segments/0/start").asDouble());
        assertEquals(t.get("jobId").asText(), r.headers().firstValue("X-Prosa-Job-Id").orElse(null));
    }

    @Test
    void multipartUploadIsTranscribedUnderItsFileName() throws Exception {
        String boundary = "----prosa" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"call-center.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(sample);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> r = post("/transcripts", "multipart/form-data; boundary=" + boundary, body.toByteArray(),
                null);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(String.join(" ", FilesRouteTest.sampleSentences()), JSON.readTree(r.body()).get("text").asText());
    }

    @Test
    void eventStreamSendsPartialsResultsAndEndAsServerSentEvents() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/transcripts?label=call-center.wav"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "audio/wav")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofByteArray(sample)).build();
        HttpResponse<java.io.InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        List<String> events = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                } else if (line.startsWith("data: ")) {
                    data.add(JSON.readTree(line.substring(6)));
                }
            }
        }
        assertEquals("end", events.get(events.size() - 1), events.toString());
        assertEquals("partial", events.get(0), "partials come before the first final segment: " + events);
        List<String> results = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).equals("result")) {
                results.add(data.get(i).get("text").asText());
                assertTrue(data.get(i).get("end").asDouble() > data.get(i).get("start").asDouble());
            }
        }
        assertEquals(FilesRouteTest.sampleSentences(), results);
    }

    @Test
    void eventsArriveWhileTheAudioIsStillBeingSent() throws Exception {
        // 4.6 s of speech-like audio sent at its own pace (?realtime=true): the first final segment must reach the
        // client long before the upload can have finished.
        byte[] audio = com.camelprosa.prosastt.emulator.SyntheticAudio.wav(16000, 0.3, 0.6, 0.8, 0.8, 0.8, 0.8);
        HttpRequest request = HttpRequest.newBuilder(uri("/transcripts?realtime=true&label=synthetic.wav"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "audio/wav")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofByteArray(audio)).build();
        // Seconds after sending at which each kind of event first arrived.
        Map<String, Double> firstAt = new ConcurrentHashMap<>();
        long sent = System.nanoTime();
        CompletableFuture<Void> reading = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenAcceptAsync(r -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        for (String line; (line = lines.readLine()) != null;) {
                            if (line.startsWith("event: ")) {
                                firstAt.putIfAbsent(line.substring(7), (System.nanoTime() - sent) / 1e9);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });

        await("a final segment reaches the client within 3 s, while the audio is still being sent")
                .atMost(Duration.ofSeconds(3)).until(() -> firstAt.containsKey("result"));
        reading.get(30, TimeUnit.SECONDS);
        LOG.info("Realtime upload of 4.6 s: events first arrived after {} s", firstAt);
        assertTrue(firstAt.containsKey("end"), "the end arrived: " + firstAt);
        assertTrue(firstAt.get("end") > 4.0, "the end after " + firstAt.get("end") + " s: events stream while the"
                                             + " audio is being sent");
    }

    @Test
    void errorsAreHttpAnswersWithAJsonBody() throws Exception {
        assertError(post("/transcripts", "audio/wav", new byte[0], null), 400, "bad_audio");
        assertError(post("/transcripts", "audio/wav", new byte[sample.length + 2000], null), 413, "too_large");
        HttpResponse<String> limited = post("/transcripts?label=" + fault("close:4029"), "audio/wav", sample, null);
        assertError(limited, 429, "rate_limited");
        assertEquals("7", limited.headers().firstValue("Retry-After").orElse(null));
        assertError(post("/transcripts?label=" + fault("close:4000"), "audio/wav", sample, null), 502, "upstream_auth");
        assertError(post("/transcripts?label=" + fault("close:4002"), "audio/wav", sample, null), 502,
                "upstream_unknown_model");
        assertError(post("/transcripts?label=" + fault("stall"), "audio/wav", sample, null), 504, "timeout");
    }

    @Test
    void audioSentAsCurlsDefaultFormIsAJsonErrorSayingWhatToSend() throws Exception {
        // curl --data-binary @call.wav without -H 'Content-Type: audio/wav' says application/x-www-form-urlencoded
        for (byte[] body : List.of(sample, java.util.Arrays.copyOf(sample, 2000))) {
            HttpResponse<String> r = post("/transcripts?label=call-center.wav", "application/x-www-form-urlencoded",
                    body, null);
            assertError(r, 415, "unsupported_media_type");
            assertTrue(r.body().contains("Content-Type: audio/"), r.body());
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String error) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(error, body.get("error").asText(), r.body());
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("message").asText().length() > 10, r.body());
    }

    private static String fault(String fault) {
        return URLEncoder.encode("call-center.wav [fault=" + fault + "]", StandardCharsets.UTF_8);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.httpPort() + path);
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body, String accept)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
