package com.camelprosa.prosastt.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavHeaderTest {

    @Test
    void readsTheLayoutOfA16BitPcmFile() {
        byte[] wav = TestWav.pcm16(16000, 2, 1.5);

        WavHeader h = WavHeader.read(wav, wav.length, wav.length);

        assertEquals(2, h.channels());
        assertEquals(16000, h.sampleRate());
        assertEquals(44, h.dataOffset());
        assertEquals(wav.length - 44, h.dataSize());
        assertTrue(h.isPcm16());
        assertEquals(64000, h.bytesPerSecond());
        assertEquals(1.5, h.seconds(h.dataSize()), 1e-9);
    }

    @Test
    void findsTheSamplesBehindOtherChunks() {
        byte[] wav = TestWav.riff().chunk("LIST", "INFOISFTtest".getBytes(StandardCharsets.US_ASCII), 12)
                .fmt(1, 1, 8000, 2, 16).chunk("junk", new byte[] { 1, 2, 3 }, 3).data(new byte[1600]).bytes();

        WavHeader h = WavHeader.read(wav, wav.length, wav.length);

        assertEquals(wav.length - 1600, h.dataOffset(), "odd chunks are padded to an even length");
        assertEquals(0.1, h.seconds(h.dataSize()), 1e-9);
    }

    @Test
    void aRecordingInProgressHasAnUnknownDataSize() {
        byte[] wav = TestWav.riff().fmt(1, 1, 16000, 2, 16).chunk("data", new byte[3200], 0xFFFFFFFFL).bytes();

        assertEquals(WavHeader.UNKNOWN_SIZE, WavHeader.read(wav, wav.length, -1).dataSize());
    }

    @Test
    void otherBytesAreNotAWav() {
        byte[] flac = "fLaC and more bytes".getBytes(StandardCharsets.US_ASCII);

        assertFalse(WavHeader.isWav(flac, flac.length));
        assertNull(WavHeader.read(flac, flac.length, flac.length));
    }

    @Test
    void aTruncatedFileIsRefusedBeforeAnythingIsSent() {
        byte[] whole = TestWav.pcm16(16000, 1, 1.0);
        byte[] cut = java.util.Arrays.copyOf(whole, 1000);

        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> WavHeader.read(cut, cut.length, cut.length));

        assertFalse(e.isRetryable(), "the same file fails the same way");
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("Nothing was sent"), e.getMessage());
    }

    @Test
    void aHeaderWithoutChannelsOrRateIsRefused() {
        byte[] noChannels = TestWav.riff().fmt(1, 0, 16000, 2, 16).data(new byte[100]).bytes();
        byte[] noRate = TestWav.riff().fmt(1, 1, 0, 2, 16).data(new byte[100]).bytes();

        assertTrue(refusal(noChannels).contains("0 channels"), refusal(noChannels));
        assertTrue(refusal(noRate).contains("sample rate of 0 Hz"), refusal(noRate));
    }

    @Test
    void aPcmHeaderWhoseByteRateContradictsItsLayoutIsRefused() {
        byte[] wav = TestWav.riff().fmt(1, 1, 16000, 16000, 2, 16).data(new byte[100]).bytes();

        assertTrue(refusal(wav).contains("byte rate of 16000"), refusal(wav));
    }

    @Test
    void samplesBeforeTheFormatAreRefused() {
        byte[] wav = TestWav.riff().data(new byte[100]).fmt(1, 1, 16000, 2, 16).bytes();

        assertTrue(refusal(wav).contains("data chunk comes before any fmt chunk"), refusal(wav));
    }

    @Test
    void aHeaderLongerThanTheFirstChunkSaysWhichOptionToRaise() {
        byte[] wav = TestWav.riff().fmt(1, 1, 16000, 2, 16).chunk("LIST", new byte[5000], 5000)
                .data(new byte[100]).bytes();

        ProsaSttInvalidInputException e = assertThrows(ProsaSttInvalidInputException.class,
                () -> WavHeader.read(wav, 1024, -1));

        assertTrue(e.getMessage().contains("raise chunkSize"), e.getMessage());
    }

    @Test
    void aChunkDeclaringGigabytesEndsTheWalkInsteadOfLooping() {
        byte[] wav = TestWav.riff().fmt(1, 1, 16000, 2, 16).chunk("LIST", new byte[8], 0xFFFFFFF0L)
                .data(new byte[100]).bytes();

        assertTrue(refusal(wav).contains("no data chunk"), refusal(wav));
    }

    private static String refusal(byte[] wav) {
        return assertThrows(ProsaSttInvalidInputException.class, () -> WavHeader.read(wav, wav.length, wav.length))
                .getMessage();
    }
}
