package com.camelprosa.prosastt.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioPacingTest {

    @Test
    void aWavIsPacedByItsHeader() {
        byte[] stereo = TestWav.pcm16(8000, 2, 0.1);
        WavHeader header = WavHeader.read(stereo, stereo.length, stereo.length);

        assertEquals(32000, AudioPacing.bytesPerSecond(new AudioInspector.Inspection(AudioFormat.WAV, header), null,
                null));
    }

    @Test
    void rawAudioIsPacedByItsDeclaredRateAndChannels() {
        assertEquals(64000, AudioPacing.bytesPerSecond(raw(AudioFormat.S16LE), 16000, 2));
        assertEquals(32000, AudioPacing.bytesPerSecond(raw(AudioFormat.S16LE), 16000, null), "one channel unless told");
        assertEquals(8000, AudioPacing.bytesPerSecond(raw(AudioFormat.PCM_MULAW), 8000, 1), "one byte per sample");
        assertEquals(8000, AudioPacing.bytesPerSecond(raw(AudioFormat.PCM_ALAW), 8000, 1), "one byte per sample");
    }

    @Test
    void compressedAudioCannotBeSentInRealtime() {
        AudioInspector.Inspection mp3 = raw(AudioFormat.MP3);

        assertEquals(0, AudioPacing.knownBytesPerSecond(mp3, null, null));
        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> AudioPacing.bytesPerSecond(mp3, null, null));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("realtime=true") && e.getMessage().contains("send a WAV file"),
                e.getMessage());
    }

    @Test
    void aWavWithoutAByteRateNamesTheBrokenHeader() {
        WavHeader aLawWithoutRate = new WavHeader(6, 1, 8000, 0, 1, 8, 44, WavHeader.UNKNOWN_SIZE);
        AudioInspector.Inspection audio = new AudioInspector.Inspection(AudioFormat.WAV, aLawWithoutRate);

        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> AudioPacing.bytesPerSecond(audio, null, null));
        assertTrue(e.getMessage().contains("byte rate of 0") && e.getMessage().contains("send it without realtime"),
                e.getMessage());
    }

    private static AudioInspector.Inspection raw(AudioFormat format) {
        return new AudioInspector.Inspection(format, null);
    }
}
