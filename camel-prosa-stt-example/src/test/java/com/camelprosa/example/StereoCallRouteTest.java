package com.camelprosa.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stereo inbox, as a user runs it: the shipped call (agent on the left channel, customer on the right, taking
 * turns) dropped into calls-stereo/in becomes its dialogue in calls-stereo/out.
 */
class StereoCallRouteTest {

    private static final Logger LOG = LoggerFactory.getLogger(StereoCallRouteTest.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who speaks, turn by turn, in call-stereo.wav (scripts/make-sample.sh): each says every line in turn. */
    private static final List<String> TURNS = List.of("agent", "customer", "agent", "customer");

    @TempDir
    Path dir;

    @Test
    void aStereoCallDroppedInTheInboxBecomesItsDialogue() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("calls-stereo/in"));
        try (var sample = getClass().getResourceAsStream("/sample/" + Samples.STEREO)) {
            Files.copy(sample, inbox.resolve(Samples.STEREO));
        }
        Console console = Console.create();
        try (ExampleApp app = new ExampleApp(new Options(dir, null, null, false, Set.of("files"), 0, null, 0, null,
                "test"), console).start()) {
            // The app also transcribes the mono sample it copies into in/: wait for both files, at most 30 s.
            assertTrue(app.report().await(2, 30_000), console.text());
            RunReport.Entry call = app.report().entries().stream()
                    .filter(e -> e.name().equals(Samples.STEREO)).findFirst().orElseThrow();
            assertEquals(null, call.reason(), console.text());

            String dialogue = Files.readString(dir.resolve("calls-stereo/out/call-stereo.txt"));
            LOG.info("Dialogue of {}:\n{}", Samples.STEREO, dialogue);
            List<String> lines = dialogue.lines().toList();
            assertEquals(TURNS.size(), lines.size(), dialogue);
            for (int i = 0; i < lines.size(); i++) {
                assertTrue(lines.get(i).startsWith(TURNS.get(i) + ": "), "line " + (i + 1) + ": " + dialogue);
                assertFalse(lines.get(i).substring(TURNS.get(i).length() + 2).isBlank(), dialogue);
            }
            List<String> said = sampleLines();
            assertEquals(String.join("\n", "agent: " + said.get(0), "customer: " + said.get(0),
                    "agent: " + said.get(1), "customer: " + said.get(1)), dialogue);

            JsonNode segments = JSON.readTree(dir.resolve("calls-stereo/out/call-stereo.json").toFile())
                    .get("segments");
            assertEquals(TURNS.size(), segments.size(), segments.toString());
            double previousEnd = 0;
            for (int i = 0; i < segments.size(); i++) {
                JsonNode s = segments.get(i);
                assertEquals(TURNS.get(i), s.get("speaker").asText(), segments.toString());
                assertEquals(TURNS.get(i).equals("agent") ? 0 : 1, s.get("channel").asInt(), segments.toString());
                // Turns do not overlap: each starts after the previous one ended, so the lines are in time order
                assertTrue(s.get("start").asDouble() >= previousEnd && s.get("end").asDouble() > s.get("start")
                        .asDouble(), segments.toString());
                previousEnd = s.get("end").asDouble();
            }
            // the file consumer moves the audio when the exchange completes, just after the run report has it
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(inbox.resolve(".done/" + Samples.STEREO)));
        }
    }

    /** The lines of the call (call-stereo.transcript.json), each said by the agent, then by the customer. */
    private static List<String> sampleLines() throws Exception {
        JsonNode root = JSON.readTree(StereoCallRouteTest.class.getResourceAsStream(
                "/sample/call-stereo.transcript.json"));
        List<String> lines = new java.util.ArrayList<>();
        root.get(Samples.STEREO).forEach(n -> lines.add(n.asText()));
        return lines;
    }
}
