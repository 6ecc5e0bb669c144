package com.camelprosa.example;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.camelprosa.prosastt.client.HostileAudio.chunk;
import static com.camelprosa.prosastt.client.HostileAudio.concat;
import static com.camelprosa.prosastt.client.HostileAudio.data;
import static com.camelprosa.prosastt.client.HostileAudio.fmt;
import static com.camelprosa.prosastt.client.HostileAudio.garbage;
import static com.camelprosa.prosastt.client.HostileAudio.le32;
import static com.camelprosa.prosastt.client.HostileAudio.wav;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile uploads to POST /transcripts: files whose headers lie (a JUNK chunk declaring 0xFFFFFFF8 bytes once hung the
 * exchange forever at 100% CPU). Each is answered 400 with a JSON reason within a second, no session is opened on the
 * emulator, and the application still transcribes a good file afterwards.
 * <p>
 * Set up like {@link HttpRouteTest} (the http route only, real HTTP on a free port), but with the emulator started
 * here, so that its sessions can be counted.
 */
class HostileUploadHttpTest {

    private static final Logger LOG = LoggerFactory.getLogger(HostileUploadHttpTest.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String KEY = "hostile-upload-test-key";
    /** The bound on each refusal, around the whole request. */
    private static final Duration BOUND = Duration.ofSeconds(1);

    private static ProsaSttEmulator emulator;
    private static ExampleApp app;
    private static byte[] sample;

    @TempDir
    static Path dir;

    /**
     * One hostile upload: its file name (given as {@code ?label=}, or as the part's file name of a multipart upload),
     * its bytes, the words its refusal must contain.
     */
    record Hostile(String name, boolean multipart, byte[] bytes, String reason) {
        Hostile(String name, byte[] bytes, String reason) {
            this(name, false, bytes, reason);
        }

        @Override
        public String toString() {
            return name + (multipart ? " (multipart)" : "");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        sample = HostileUploadHttpTest.class.getResourceAsStream("/sample/call-center.wav").readAllBytes();
        emulator = ProsaSttEmulator.builder().apiKey(KEY).transcripts(Samples.script()).build().start();
        app = new ExampleApp(new Options(dir, KEY, emulator.url(), false, Set.of("http"), 0, null, 0, null,
                "hostile-test"), Console.create())
                .property("example.http.max-bytes", Integer.toString(sample.length + 1000))
                .property("example.http.response-timeout", "1500")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    static List<Hostile> hostileFiles() {
        byte[] fmt = fmt(1, 1, 16000, 32000, 2, 16);
        return List.of(
                new Hostile("junk-size-wraps.wav", wav(chunk("JUNK", 0xFFFFFFF8L, new byte[8]), fmt, data(-1, 3200)),
                        "no complete fmt chunk"),
                new Hostile("zero-channels.wav", wav(fmt(1, 0, 16000, 0, 0, 16), data(-1, 3200)), "0 channels"),
                new Hostile("data-longer-than-file.wav", wav(fmt, data(10_000_000, 3200)),
                        "truncated or its header is wrong"),
                new Hostile("truncated-header.wav", Arrays.copyOf(wav(fmt, data(-1, 0)), 30), "no complete fmt chunk"),
                new Hostile("garbage.mp3", garbage(20_000, 1), "not MP3"),
                new Hostile("garbage.mp3", true, garbage(20_000, 2), "not MP3"));
    }

    @Test
    void hostileUploadsAreRefusedAtOnceWithoutASessionAndTheAppKeepsServing() throws Exception {
        List<Executable> checks = new ArrayList<>();
        for (Hostile h : hostileFiles()) {
            int sessionsBefore = emulator.sessions().size();
            HttpResponse<String> r = assertTimeoutPreemptively(BOUND, () -> h.multipart()
                    ? postMultipart(h.name(), h.bytes())
                    : post("/transcripts?label=" + h.name(), h.bytes()), h + " is answered within 1 s");
            int sessionsAfter = emulator.sessions().size();
            LOG.info("{}, {} bytes: {} {}", h, h.bytes().length, r.statusCode(), r.body());
            checks.add(() -> {
                assertEquals(400, r.statusCode(), h + ": " + r.body());
                assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""), h.toString());
                JsonNode body = JSON.readTree(r.body());
                assertEquals("bad_audio", body.path("error").asText(), h + ": " + r.body());
                assertEquals(400, body.path("status").asInt(), h + ": " + r.body());
                assertTrue(body.path("message").asText().contains(h.reason()),
                        h + ": the message names \"" + h.reason() + "\": " + r.body());
            });
            checks.add(() -> assertEquals(sessionsBefore, sessionsAfter,
                    h + " opened a session on the emulator: " + emulator.sessions()));
        }
        assertAll("hostile uploads", checks.stream());
        assertEquals(0, emulator.peakConcurrentSessions(), "no hostile upload ever opened a session");

        // The application keeps serving: a good WAV is transcribed, in the one session it opens.
        HttpResponse<String> ok = post("/transcripts?label=call-center.wav", sample);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(String.join(" ", FilesRouteTest.sampleSentences()), JSON.readTree(ok.body()).get("text").asText());
        assertEquals(1, emulator.sessions().size(), "only the good upload opened a session: " + emulator.sessions());
    }

    private static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return post(path, path.contains(".mp3") ? "audio/mpeg" : "audio/wav", body);
    }

    /** The audio as the one file of a multipart/form-data upload, as {@code curl -F audio=@name} sends it. */
    private static HttpResponse<String> postMultipart(String fileName, byte[] audio) throws Exception {
        String boundary = "----prosa" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"" + fileName
                         + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(audio);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return post("/transcripts", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
