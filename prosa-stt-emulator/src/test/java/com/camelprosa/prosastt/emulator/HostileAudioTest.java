package com.camelprosa.prosastt.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.camelprosa.prosastt.emulator.Received.messages;
import static com.camelprosa.prosastt.emulator.Received.typesWithoutPartials;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A lying WAV header ends its session in bounded time, with results and a normal close, and leaves the server serving. */
class HostileAudioTest {

    private static ProsaSttEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = ProsaSttEmulator.builder().build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void aJunkChunkOfFourGibibytesZeroChannelsAndAZeroRateEndInBoundedTime() throws Exception {
        // fmt: 0 channels, 0 Hz; JUNK: 0xFFFFFFF8 bytes (once an endless loop on the session's thread); data: more
        // than the file. awaitClose() is the bound.
        byte[] wav = SpeechSegmenterTest.hostileWav(0xFFFFFFF8);
        try (RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text("{\"model\":\"stt-general-online\",\"label\":\"hostile.wav\",\"audio\":{\"format\":\"wav\"}}");
            for (int i = 0; i < 70; i += 7) { // the 68-byte header in pieces: the walk runs again at each
                c.binary(java.util.Arrays.copyOfRange(wav, i, i + 7));
            }
            c.binary(java.util.Arrays.copyOfRange(wav, 70, wav.length));
            c.binary(new byte[0]);
            CloseReason close = c.awaitClose();

            assertEquals(1000, close.getCloseCode().getCode(), close.toString());
            assertEquals(List.of("created", "status", "status", "result", "status", "metadata"),
                    typesWithoutPartials(c.received));
            JsonNode result = messages(c.received, "result").get(0);
            assertEquals(wav.length / 16000.0, result.get("time_end").asDouble(), 0.001, "the byte-rate estimate");
        }
        healthy();
    }

    @Test
    void aHeaderThatNeverEndsFallsBackAfterOneMebibyteWithoutTheEndFrame() throws Exception {
        byte[] wav = SpeechSegmenterTest.hostileWav(0xFFFFFFF8);
        try (ProsaSttEmulator limited = ProsaSttEmulator.builder().maxDuration(30).build().start();
             RawClient c = RawClient.connect(limited.url(), "k")) {
            c.text("{\"model\":\"stt-general-online\",\"label\":\"hostile.wav\",\"audio\":{\"format\":\"wav\"}}");
            // Never the end frame: only the fallback to the byte rate (30 s = 480000 bytes) can end the session.
            c.sendUntilClosed(wav, new byte[4 << 20], 64 << 10);

            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            JsonNode meta = messages(c.received, "metadata").get(0);
            assertEquals(true, meta.get("max_reached").booleanValue(), meta.toString());
            assertEquals(30.0, meta.get("duration").asDouble(), meta.toString());
        }
    }

    private static void healthy() throws Exception {
        try (RawClient c = RawClient.connect(emulator.url(), "k")) {
            c.text("{\"model\":\"stt-general-online\",\"audio\":{\"format\":\"wav\"}}")
                    .binary(SyntheticAudio.wav(16000, 0.2, 0.5, 0.5)).binary(new byte[0]);
            assertEquals(1000, c.awaitClose().getCloseCode().getCode());
            assertEquals(1, messages(c.received, "result").size());
        }
    }
}
