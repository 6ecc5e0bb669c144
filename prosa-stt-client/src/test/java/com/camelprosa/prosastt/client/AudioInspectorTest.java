package com.camelprosa.prosastt.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioInspectorTest {

    private static final StreamRequest DETECT = StreamRequest.builder().apiKey("k").model("m").build();
    private static final byte[] FLAC_HEAD = flac(16000, 16000L * 60);

    @Test
    void aWavIsRecognisedByItsBytesWhateverItsName() {
        byte[] wav = TestWav.pcm16(16000, 1, 0.2);

        AudioInspector.Inspection audio = AudioInspector.inspect(wav, "recording.bin", wav.length, DETECT);

        assertEquals(AudioFormat.WAV, audio.format());
        assertEquals(16000, audio.wav().sampleRate());
    }

    @Test
    void theDeclaredFormatWinsOverTheFileName() {
        byte[] pcm = new byte[3200];
        StreamRequest raw = DETECT.toBuilder().audioFormat("s16le").sampleRate(16000).build();

        assertEquals(AudioFormat.S16LE, AudioInspector.inspect(pcm, "call.mp3", pcm.length, raw).format());
    }

    @Test
    void withoutSignatureOrNameTheServerDetectsTheFormat() {
        byte[] unknown = new byte[64];
        Arrays.fill(unknown, (byte) 0x11);

        AudioInspector.Inspection audio = AudioInspector.inspect(unknown, null, unknown.length, DETECT);

        assertNull(audio.format());
        assertNull(audio.wav());
    }

    @Test
    void emptyAudioIsRefusedBeforeAnyQuotaIsSpent() {
        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> AudioInspector.inspect(new byte[0], "empty.wav", 0, DETECT));

        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("empty.wav") && e.getMessage().contains("no quota was spent"),
                e.getMessage());
    }

    @Test
    void textIsRefusedAndQuotedSoTheUserSeesWhatWasSent() {
        byte[] text = "{\"error\": \"file not found\", \"status\": 404}".getBytes(StandardCharsets.UTF_8);

        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> AudioInspector.inspect(text, "call.wav", text.length, DETECT));

        assertTrue(e.getMessage().contains("is text, not audio") && e.getMessage().contains("{\"error\": \"file not"),
                e.getMessage());
    }

    @Test
    void aContainerSignatureWinsOverTheFileName() {
        AudioInspector.Inspection audio = AudioInspector.inspect(FLAC_HEAD, "call.wav", FLAC_HEAD.length, DETECT);

        assertEquals(AudioFormat.FLAC, audio.format());
    }

    @Test
    void aNameThatPromisesAContainerTheBytesDoNotHaveIsRefused() {
        byte[] headerless = new byte[3200];

        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> AudioInspector.inspect(headerless, "call.wav", headerless.length, DETECT));

        assertTrue(e.getMessage().contains("(call.wav) is not wav") && e.getMessage().contains("Nothing was sent")
                   && e.getMessage().contains("set audioFormat to what it is"), e.getMessage());
    }

    @Test
    void aDeclaredFormatTheBytesContradictIsRefusedNamingWhatTheBytesAre() {
        StreamRequest wav = DETECT.toBuilder().audioFormat("wav").build();

        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> AudioInspector.inspect(FLAC_HEAD, null, FLAC_HEAD.length, wav));

        assertTrue(e.getMessage().contains("is not wav") && e.getMessage().contains("its bytes are flac"),
                e.getMessage());
    }

    @Test
    void rawAudioWithoutASampleRateAsksForOne() {
        byte[] pcm = new byte[3200];

        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> AudioInspector.inspect(pcm, "call.pcm", pcm.length, DETECT));

        assertTrue(e.getMessage().contains("set sampleRate"), e.getMessage());
    }

    @Test
    void flacLongerThanOneSessionIsRefusedWithAConversionToWav() {
        byte[] twoHours = flac(16000, 16000L * 7200);
        AudioInspector.Inspection audio = AudioInspector.inspect(twoHours, "long.flac", 1_000_000, DETECT);

        ProsaSttMaxDurationException e = assertThrows(ProsaSttMaxDurationException.class,
                () -> AudioInspector.refuseTooLong(twoHours, audio, 1_000_000, 3480));

        assertFalse(e.isRetryable());
        assertEquals(3480.0, e.getMaxDuration());
        assertTrue(e.getMessage().contains("7200.0 s") && e.getMessage().contains("Convert it to WAV"),
                e.getMessage());
    }

    @Test
    void flacWithinOneSessionPasses() {
        AudioInspector.Inspection audio = AudioInspector.inspect(FLAC_HEAD, "short.flac", 100_000, DETECT);

        assertEquals(AudioFormat.FLAC, audio.format());
        assertDoesNotThrow(() -> AudioInspector.refuseTooLong(FLAC_HEAD, audio, 100_000, 3480));
    }

    /** A FLAC file's signature and STREAMINFO block, then some bytes of frames. */
    private static byte[] flac(int sampleRate, long totalSamples) {
        byte[] head = new byte[64];
        head[0] = 'f';
        head[1] = 'L';
        head[2] = 'a';
        head[3] = 'C';
        head[4] = (byte) 0x80; // the last metadata block, of type 0: STREAMINFO
        head[7] = 34; // its length
        int b = 8 + 10; // after the block and frame size bounds: rate (20 bits), channels (3), bits (5), samples (36)
        head[b] = (byte) (sampleRate >> 12);
        head[b + 1] = (byte) (sampleRate >> 4);
        head[b + 2] = (byte) ((sampleRate & 0xf) << 4 | 0x01); // mono, 16 bits
        head[b + 3] = (byte) (0xf0 | (totalSamples >> 32) & 0x0f);
        head[b + 4] = (byte) (totalSamples >> 24);
        head[b + 5] = (byte) (totalSamples >> 16);
        head[b + 6] = (byte) (totalSamples >> 8);
        head[b + 7] = (byte) totalSamples;
        Arrays.fill(head, 42, head.length, (byte) 0xf8);
        return head;
    }
}
