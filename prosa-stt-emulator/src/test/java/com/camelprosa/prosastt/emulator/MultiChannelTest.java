package com.camelprosa.prosastt.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.camelprosa.prosastt.emulator.Received.messages;
import static com.camelprosa.prosastt.emulator.Received.typesWithoutPartials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each channel of a WAV or s16le stream is segmented on its own; every result says its channel and comes in order of
 * its end time, taking the script's texts in the order sent.
 */
class MultiChannelTest {

    private static final String LABEL = "call.wav";
    /** Channel 0 (agent) speaks 0.5-1.5 s and 3.0-3.5 s; channel 1 (caller) 0.2-1.8 s: it starts first, ends later. */
    private static final byte[] AGENT = SyntheticAudio.pcm(16000, 0.5, 1.5, 1.0, 0.5);
    private static final byte[] CALLER = SyntheticAudio.pcm(16000, 0.2, 0.5, 1.6);
    private static ProsaSttEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = ProsaSttEmulator.builder()
                .transcripts(TranscriptScript.of(LABEL, List.of("selamat pagi", "halo, saya mau tanya", "silakan")))
                .build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void stereoWavResultsCarryTheirChannelInOrderOfTheirEnd() throws Exception {
        List<JsonNode> results = transcribe("{\"format\":\"wav\"}", SyntheticAudio.multiChannelWav(16000, AGENT, CALLER));
        assertConversation(results);
    }

    @Test
    void stereoS16leTakesItsChannelsFromTheConfiguration() throws Exception {
        List<JsonNode> results = transcribe("{\"format\":\"s16le\",\"sample_rate\":16000,\"channels\":2}",
                SyntheticAudio.interleave(AGENT, CALLER));
        assertConversation(results);
    }

    @Test
    void s16leWithoutChannelsIsMono() throws Exception {
        List<JsonNode> results = transcribe("{\"format\":\"s16le\",\"sample_rate\":16000}", AGENT);
        assertEquals(List.of(0, 0), results.stream().map(r -> r.get("channel").asInt()).toList());
    }

    private static void assertConversation(List<JsonNode> results) {
        assertEquals(3, results.size(), results.toString());
        assertResult(results.get(0), "selamat pagi", 0.5, 1.5, 0);
        assertResult(results.get(1), "halo, saya mau tanya", 0.2, 1.8, 1);
        assertResult(results.get(2), "silakan", 3.0, 3.5, 0);
    }

    private static List<JsonNode> transcribe(String audio, byte[] bytes) throws Exception {
        try (RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text("{\"model\":\"stt-general-online\",\"label\":\"" + LABEL + "\",\"include_partial\":true,"
                   + "\"include_filler\":false,\"audio\":" + audio + "}");
            for (int i = 0; i < bytes.length; i += 16000) {
                c.binary(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 16000)));
            }
            c.binary(new byte[0]);
            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            List<String> types = typesWithoutPartials(c.received);
            assertEquals(List.of("status", "metadata"), types.subList(types.size() - 2, types.size()));
            return messages(c.received, "result");
        }
    }

    private static void assertResult(JsonNode result, String text, double start, double end, int channel) {
        assertEquals(text, result.get("transcript").asText(), result.toString());
        assertEquals(start, result.get("time_start").asDouble(), 0.021, result.toString());
        assertEquals(end, result.get("time_end").asDouble(), 0.021, result.toString());
        assertTrue(result.get("channel").isInt(), result.toString());
        assertEquals(channel, result.get("channel").asInt(), result.toString());
        assertTrue(result.get("final").booleanValue(), result.toString());
    }
}
