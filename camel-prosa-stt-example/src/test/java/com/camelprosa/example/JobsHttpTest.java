package com.camelprosa.example;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JMS join as the one-command run shows it: POST /jobs queues a job, GET /jobs/results takes the results. */
class JobsHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void queuedJobsComeBackOnTheResultQueueUnderTheirIds() throws Exception {
        byte[] sample = getClass().getResourceAsStream("/sample/call-center.wav").readAllBytes();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ExampleApp app = new ExampleApp(new Options(dir, null, null, false, Set.of("jms"), 0, null, 0, null,
                "jobs-test"), Console.create()).start()) {
            String base = "http://127.0.0.1:" + app.httpPort();
            Set<String> queued = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs?name=call-center.wav"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "audio/wav")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(sample)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, r.statusCode(), r.body());
                queued.add(JSON.readTree(r.body()).get("jobId").asText());
            }
            Set<String> done = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/results"))
                        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode result : JSON.readTree(r.body())) {
                    assertEquals(String.join(" ", FilesRouteTest.sampleSentences()),
                            result.at("/transcript/text").asText());
                    assertEquals("jobs-test", result.get("instance").asText());
                    done.add(result.get("jobId").asText());
                }
                return done.size() == 2;
            });
            assertEquals(queued, done);
        }
    }

    @Test
    void anEmptyOrTextJobIsRefusedWith400BeforeItIsQueued() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ExampleApp app = new ExampleApp(new Options(dir, null, null, false, Set.of("jms"), 0, null, 0, null,
                "jobs-test"), Console.create()).start()) {
            String base = "http://127.0.0.1:" + app.httpPort();
            Map<String, byte[]> refused = Map.of("empty.wav", new byte[0],
                    "note.wav", "please transcribe this".getBytes(StandardCharsets.UTF_8),
                    "note.txt", "please transcribe this".getBytes(StandardCharsets.UTF_8));
            for (var job : refused.entrySet()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs?name=" + job.getKey()))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "audio/wav")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(job.getValue())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, r.statusCode(), job.getKey() + ": " + r.body());
                assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
                JsonNode body = JSON.readTree(r.body());
                assertEquals("bad_audio", body.get("error").asText(), r.body());
                assertTrue(body.get("message").asText().contains(job.getKey()), r.body());
            }
        }
    }
}
