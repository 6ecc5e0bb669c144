package com.camelprosa.prosastt.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;

import static com.camelprosa.prosastt.emulator.Received.messages;
import static com.camelprosa.prosastt.emulator.Received.typesWithoutPartials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The maximum session length: below it nothing changes; at it, {@code stop} ends the session while the client is still
 * sending and {@code truncate} reads everything but transcribes only up to it. Both confirm with {@code max_reached}.
 */
class MaxDurationTest {

    /** Speech at 0.5-1.3 s, 2.5-4.0 s and 5.2-6.2 s; 7.4 s in all. A 3 s limit cuts the second word at 3.0 s. */
    private static final byte[] WAV = SyntheticAudio.wav(16000, 0.5, 1.2, 0.8, 1.5, 1.0);
    private static final byte[] HEADER = Arrays.copyOf(WAV, 44);
    private static final byte[] PCM = Arrays.copyOfRange(WAV, 44, WAV.length);
    private static final String LABEL = "long.wav";
    private static final TranscriptScript SCRIPT = TranscriptScript.of(LABEL, List.of("one", "two", "three"));
    private static final String CONFIG = "{\"model\":\"stt-general-online\",\"label\":\"%s\",\"include_partial\":true,"
                                         + "\"include_filler\":false,\"audio\":{\"format\":\"wav\"}}";

    @Test
    void stopEndsTheSessionAtTheLimitWhileTheClientIsStillSending() throws Exception {
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().transcripts(SCRIPT).maxDuration(3.0)
                .maxDurationMode(ProsaSttEmulator.MaxDurationMode.STOP).build().start();
             RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text(CONFIG.formatted(LABEL));
            // 0.1 s per frame, and never the end frame: only the server can end this session.
            long sent = c.sendUntilClosed(HEADER, PCM, 3200);
            CloseReason close = c.awaitClose();

            assertEquals(1000, close.getCloseCode().getCode(), close.toString());
            assertEquals(List.of("created", "status", "status", "result", "result", "status", "metadata"),
                    typesWithoutPartials(c.received));
            assertResultsUpToTheLimit(c.received);
            assertMaxReachedMetadata(c.received, 3.0);

            SessionRecord record = session(emulator, c);
            assertTrue(record.maxReached());
            assertEquals(3.0, record.maxDurationSeconds());
            assertEquals(44 + 3 * 32000, record.audioBytesAtMaxReached(), "the frame that reached 3.0 s");
            assertEquals(44 + 3 * 32000, record.audioBytes(), "nothing read past the limit");
            assertTrue(record.audioBytesReceived() <= sent, record.audioBytesReceived() + " > " + sent);
            assertFalse(record.endOfAudio());
            assertEquals(1000, record.closeCode());
        }
    }

    @Test
    void stopClosesNormallyEvenWhenTheClientFloodsPastTheLimit() throws Exception {
        // A minute of audio sent as fast as the socket takes it: the server stops at 3 s with unread audio piling up.
        byte[] minute = new byte[60 * 32000];
        System.arraycopy(PCM, 0, minute, 0, PCM.length);
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().transcripts(SCRIPT).maxDuration(3.0).build()
                .start()) {
            for (int round = 0; round < 5; round++) {
                try (RawClient c = RawClient.connect(emulator.url(), "k")) {
                    c.text(CONFIG.formatted(LABEL));
                    c.sendUntilClosed(HEADER, minute, 16000);
                    assertEquals(1000, c.awaitClose().getCloseCode().getCode(), "round " + round);
                    assertEquals(List.of("created", "status", "status", "result", "result", "status", "metadata"),
                            typesWithoutPartials(c.received), "round " + round);
                    assertResultsUpToTheLimit(c.received);
                    assertMaxReachedMetadata(c.received, 3.0);
                    assertEquals(44 + 6 * 16000, session(emulator, c).audioBytes(), "the header, then frames up to 3.0 s");
                }
            }
        }
    }

    @Test
    void stopClosesAClientThatNeverPausesWithinItsBound() throws Exception {
        // A live source: a frame every 20 ms, audio then silence, without end. The session stops at 3 s of audio and
        // closes while frames still arrive (at most 2 s later, as the client never goes quiet).
        ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor();
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().transcripts(SCRIPT).maxDuration(3.0).build()
                .start();
             RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text(CONFIG.formatted(LABEL)).binary(HEADER);
            AtomicInteger frame = new AtomicInteger();
            live.scheduleAtFixedRate(() -> {
                int from = frame.getAndIncrement() * 3200;
                byte[] audio = from < PCM.length ? Arrays.copyOfRange(PCM, from, Math.min(PCM.length, from + 3200))
                        : new byte[3200];
                try {
                    c.binary(audio);
                } catch (Exception e) {
                    throw new IllegalStateException("closed", e); // ends the repetition
                }
            }, 0, 20, TimeUnit.MILLISECONDS);

            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            assertResultsUpToTheLimit(c.received);
            assertMaxReachedMetadata(c.received, 3.0);
            SessionRecord record = session(emulator, c);
            assertEquals(44 + 3 * 32000, record.audioBytes());
            assertTrue(record.ignoredAudioBytes() > 0, "the client was still sending after the stop");
            assertFalse(record.endOfAudio());
        } finally {
            live.shutdownNow();
        }
    }

    @Test
    void truncateReadsToTheEndButTranscribesOnlyUpToTheLimit() throws Exception {
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().transcripts(SCRIPT).maxDuration(3.0)
                .maxDurationMode("truncate").build().start();
             RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text(CONFIG.formatted(LABEL));
            for (int i = 0; i < WAV.length; i += 16000) {
                c.binary(Arrays.copyOfRange(WAV, i, Math.min(WAV.length, i + 16000)));
            }
            c.binary(new byte[0]);

            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            assertEquals(List.of("created", "status", "status", "result", "result", "status", "metadata"),
                    typesWithoutPartials(c.received));
            assertResultsUpToTheLimit(c.received);
            assertMaxReachedMetadata(c.received, 3.0);

            SessionRecord record = session(emulator, c);
            assertTrue(record.maxReached());
            assertTrue(record.endOfAudio());
            assertEquals(WAV.length, record.audioBytes(), "all of it read");
            assertEquals(WAV.length, record.audioBytesReceived());
            assertEquals(7 * 16000, record.audioBytesAtMaxReached(), "3.0 s is in the seventh frame of 16000 bytes");
        }
    }

    @Test
    void belowTheLimitNothingChangesButTheAnnouncedFigure() throws Exception {
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().transcripts(SCRIPT).maxDuration(7.5).build()
                .start();
             RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text(CONFIG.formatted(LABEL)).binary(WAV).binary(new byte[0]);

            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            List<JsonNode> results = messages(c.received, "result");
            assertEquals(List.of("one", "two", "three"), results.stream().map(r -> r.get("transcript").asText()).toList());
            JsonNode meta = messages(c.received, "metadata").get(0);
            assertEquals(7.4, meta.get("duration").asDouble(), 0.001);
            assertFalse(meta.get("max_reached").booleanValue());
            assertEquals(7.5, meta.get("max_duration").asDouble());
            assertFalse(session(emulator, c).maxReached());
        }
    }

    @Test
    void aLabelMarkerGivesOneSessionItsOwnLimit() throws Exception {
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().transcripts(SCRIPT).build().start();
             RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text(CONFIG.formatted(LABEL + " [fault=max-duration:2]"));
            c.sendUntilClosed(HEADER, PCM, 3200);

            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            List<JsonNode> results = messages(c.received, "result");
            assertEquals(1, results.size(), results.toString());
            assertEquals("one", results.get(0).get("transcript").asText());
            assertMaxReachedMetadata(c.received, 2.0);
            assertEquals(2.0, session(emulator, c).maxDurationSeconds());
        }
    }

    @Test
    void formatsWithoutAnalysisAreLimitedOnTheirByteRateEstimate() throws Exception {
        // An mp3 is estimated at 16000 bytes a second: a 1.5 s limit is reached at 24000 bytes.
        byte[] mp3 = new byte[5 * 16000];
        mp3[0] = 'I';
        mp3[1] = 'D';
        mp3[2] = '3';
        try (ProsaSttEmulator emulator = ProsaSttEmulator.builder().maxDuration(1.5).build().start();
             RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text("{\"model\":\"stt-general-online\",\"label\":\"a.mp3\",\"audio\":{\"format\":\"mp3\"}}");
            c.sendUntilClosed(new byte[0], mp3, 4000);

            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            List<JsonNode> results = messages(c.received, "result");
            assertEquals(1, results.size(), results.toString());
            assertEquals(0.0, results.get(0).get("time_start").asDouble());
            assertEquals(1.5, results.get(0).get("time_end").asDouble());
            assertMaxReachedMetadata(c.received, 1.5);
            assertEquals(24000, session(emulator, c).audioBytes());
        }
    }

    @Test
    void theCommandLineSetsTheLimitAndTheMode() throws Exception {
        try (ProsaSttEmulator emulator = EmulatorCommandLine.parse("--port", "0", "--max-duration", "2.5",
                "--max-duration-mode", "truncate").build()) {
            assertEquals(2.5, emulator.settings().maxDuration());
            assertEquals(ProsaSttEmulator.MaxDurationMode.TRUNCATE, emulator.settings().maxDurationMode());
        }
        try (ProsaSttEmulator emulator = EmulatorCommandLine.parse("--port", "0").build()) {
            assertEquals(3600.0, emulator.settings().maxDuration());
            assertEquals(ProsaSttEmulator.MaxDurationMode.STOP, emulator.settings().maxDurationMode());
        }
        for (List<String> bad : List.of(List.of("--max-duration", "0"), List.of("--max-duration", "soon"),
                List.of("--max-duration-mode", "pause"), List.of("--max-duration"), List.of("--max-seconds", "3"))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> EmulatorCommandLine.parse(bad.toArray(String[]::new)), bad.toString());
            assertTrue(e.getMessage().startsWith(bad.get(0)) || e.getMessage().startsWith("Unknown argument"),
                    e.getMessage());
        }
    }

    private static void assertResultsUpToTheLimit(List<String> received) {
        List<JsonNode> results = messages(received, "result");
        assertEquals(2, results.size(), results.toString());
        assertEquals("one", results.get(0).get("transcript").asText());
        assertEquals(0.5, results.get(0).get("time_start").asDouble(), 0.021);
        assertEquals(1.3, results.get(0).get("time_end").asDouble(), 0.021);
        assertEquals("two", results.get(1).get("transcript").asText(), "the script's third text is past the limit");
        assertEquals(2.5, results.get(1).get("time_start").asDouble(), 0.021);
        assertEquals(3.0, results.get(1).get("time_end").asDouble(), "the word crossing the limit ends there");
    }

    private static void assertMaxReachedMetadata(List<String> received, double limit) {
        JsonNode meta = messages(received, "metadata").get(0);
        assertEquals(limit, meta.get("duration").asDouble(), meta.toString());
        assertEquals(limit, meta.get("quota_used").asDouble(), meta.toString());
        assertTrue(meta.get("max_reached").booleanValue(), meta.toString());
        assertEquals(limit, meta.get("max_duration").asDouble(), meta.toString());
        assertEquals("complete", messages(received, "status").get(messages(received, "status").size() - 1)
                .get("status").asText());
    }

    private static SessionRecord session(ProsaSttEmulator emulator, RawClient c) {
        return emulator.sessions().stream().filter(s -> c.jobId().equals(s.jobId())).findFirst().orElseThrow();
    }
}
