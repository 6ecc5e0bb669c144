package com.camelprosa.prosastt.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.camelprosa.prosastt.emulator.Received.messages;
import static com.camelprosa.prosastt.emulator.Received.types;

/** The emulator answers exactly as the protocol page says, and refuses what a strict server refuses. */
class ProtocolTest {

    private static final String CONFIG = "{\"model\":\"stt-general-online\",\"label\":\"two.wav\",\"include_partial\":true,"
                                         + "\"include_filler\":false,\"audio\":{\"format\":\"wav\"}}";
    private static ProsaSttEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = ProsaSttEmulator.builder().apiKey("right-key")
                .transcripts(TranscriptScript.of("two.wav", List.of("selamat pagi semua", "terima kasih"))).build()
                .start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void fullSessionInTheDocumentedOrder() throws Exception {
        byte[] wav = SyntheticAudio.wav(16000, 0.3, 0.8, 1.0, 0.7);
        try (RawClient c = RawClient.connect(emulator.url(), "right-key")) {
            c.text(CONFIG);
            for (int i = 0; i < wav.length; i += 16000) {
                c.binary(java.util.Arrays.copyOfRange(wav, i, Math.min(wav.length, i + 16000)));
            }
            c.binary(new byte[0]);
            CloseReason close = c.awaitClose();

            assertEquals(1000, close.getCloseCode().getCode());
            List<String> types = types(c.received).stream().filter(t -> !t.equals("partial")).toList();
            assertEquals(List.of("created", "status", "status", "result", "result", "status", "metadata"), types);
            List<JsonNode> results = messages(c.received, "result");
            assertEquals("selamat pagi semua", results.get(0).get("transcript").asText());
            assertEquals(0.3, results.get(0).get("time_start").asDouble(), 0.021);
            assertEquals(1.3, results.get(0).get("time_end").asDouble(), 0.021);
            assertEquals("terima kasih", results.get(1).get("transcript").asText());
            for (JsonNode result : results) {
                assertEquals(0, result.get("channel").asInt(), "mono is channel 0: " + result);
                assertTrue(result.get("channel").isInt() && result.get("final").booleanValue(), result.toString());
            }
            assertTrue(types(c.received).contains("partial"), "partials were asked for");
            JsonNode meta = messages(c.received, "metadata").get(0);
            assertEquals(wav.length / 32000.0, meta.get("duration").asDouble(), 0.03);
            assertEquals(meta.get("duration").asDouble(), meta.get("quota_used").asDouble());
            assertFalse(meta.get("max_reached").booleanValue(), "below the limit: " + meta);
            assertTrue(meta.get("max_reached").isBoolean());
            assertEquals(3600.0, meta.get("max_duration").asDouble(), "the default limit, the real service's");
            SessionRecord record = emulator.sessions().stream().filter(s -> c.jobId().equals(s.jobId())).findFirst()
                    .orElseThrow();
            assertFalse(record.maxReached());
            assertEquals(-1, record.audioBytesAtMaxReached());
            assertEquals(wav.length, record.audioBytes());
            assertEquals(wav.length, record.audioBytesReceived());
            assertEquals(3600.0, record.maxDurationSeconds());
        }
    }

    @Test
    void tokenMessageAuthenticates() throws Exception {
        try (RawClient c = RawClient.connect(emulator.url(), null)) {
            c.text("{\"token\":\"right-key\"}").text(CONFIG);
            c.binary(SyntheticAudio.wav(16000, 0.1, 0.5, 0.5)).binary(new byte[0]);
            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            assertEquals("created", types(c.received).get(0));
        }
    }

    @Test
    void wrongKeysAndMissingKeysClose4000() throws Exception {
        try (RawClient c = RawClient.connect(emulator.url(), "wrong")) {
            assertEquals(4000, c.awaitClose().getCloseCode().getCode());
        }
        try (RawClient c = RawClient.connect(emulator.url(), null)) {
            c.text("{\"token\":\"wrong\"}");
            assertEquals(4000, c.awaitClose().getCloseCode().getCode());
        }
        try (RawClient c = RawClient.connect(emulator.url(), null)) {
            c.text(CONFIG);
            assertEquals(4000, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void badConfigurationsClose4001AndUnknownModels4002() throws Exception {
        for (String bad : List.of("{\"label\":\"x\"}", "{\"model\":\"stt-general-online\",\"include_partial\":\"yes\"}",
                "{\"model\":\"stt-general-online\",\"audio\":{\"format\":\"aiff\"}}",
                "{\"model\":\"stt-general-online\",\"audio\":{\"format\":\"s16le\",\"sample_rate\":\"16000\"}}",
                "not json")) {
            try (RawClient c = RawClient.connect(emulator.url(), "right-key")) {
                c.text(bad);
                assertEquals(4001, c.awaitClose().getCloseCode().getCode(), bad);
            }
        }
        try (RawClient c = RawClient.connect(emulator.url(), "right-key")) {
            c.text("{\"model\":\"stt-klingon-online\"}");
            assertEquals(4002, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void audioBeforeConfigurationIsAProtocolViolation() throws Exception {
        try (RawClient c = RawClient.connect(emulator.url(), "right-key")) {
            c.binary(new byte[] { 1, 2, 3 });
            assertEquals(4001, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void labelMarkerInjectsAFault() throws Exception {
        try (RawClient c = RawClient.connect(emulator.url(), "right-key")) {
            c.text("{\"model\":\"stt-general-online\",\"label\":\"x [fault=close:4029]\"}");
            assertEquals(4029, c.awaitClose().getCloseCode().getCode());
        }
    }
}
