package com.camelprosa.prosastt.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeechSegmenterTest {

    @Test
    void findsOneSegmentPerBurstAtItsTimeInAWav() {
        byte[] wav = SyntheticAudio.wav(16000, 0.5, 1.0, 0.8, 1.2, 0.6);
        List<SpeechSegmenter.Span> spans = feed(new SpeechSegmenter(null, 0, 0, 300), wav, 16000);

        assertEquals(3, spans.size(), spans.toString());
        assertSpan(spans.get(0), 0.5, 1.3);
        assertSpan(spans.get(1), 2.3, 3.5);
        assertSpan(spans.get(2), 4.5, 5.1);
    }

    @Test
    void headerSplitAcrossTinyChunksStillParses() {
        byte[] wav = SyntheticAudio.wav(8000, 0.2, 0.6, 0.5);
        List<SpeechSegmenter.Span> spans = feed(new SpeechSegmenter(null, 0, 0, 300), wav, 7);

        assertEquals(1, spans.size(), spans.toString());
        assertSpan(spans.get(0), 0.2, 0.7);
    }

    @Test
    void rawPcmUsesTheDeclaredRate() {
        byte[] pcm = SyntheticAudio.pcm(8000, 1.0, 0.5, 1.0);
        SpeechSegmenter segmenter = new SpeechSegmenter("s16le", 8000, 1, 300);
        List<SpeechSegmenter.Span> spans = feed(segmenter, pcm, 4000);

        assertEquals(1, spans.size());
        assertSpan(spans.get(0), 1.0, 2.0);
        assertEquals(2.5, segmenter.durationSeconds(), 0.021);
    }

    @Test
    void compressedAudioIsOneSegmentEstimatedFromItsSize() {
        byte[] mp3 = new byte[32000];
        mp3[0] = 'I';
        mp3[1] = 'D';
        mp3[2] = '3';
        SpeechSegmenter segmenter = new SpeechSegmenter("mp3", 0, 0, 300);
        List<SpeechSegmenter.Span> spans = feed(segmenter, mp3, 16000);

        assertEquals(List.of(new SpeechSegmenter.Span(0, 2.0)), spans);
    }

    @Test
    void eachChannelIsSegmentedOnItsOwnAndSegmentsComeInOrderOfTheirEnd() {
        // Channel 1 starts first (0.2 s) but ends last (1.8 s); channel 0 speaks 0.5-1.5 s and again 3.0-3.5 s.
        byte[] left = SyntheticAudio.pcm(16000, 0.5, 1.5, 1.0, 0.5);
        byte[] right = SyntheticAudio.pcm(16000, 0.2, 0.5, 1.6);
        List<SpeechSegmenter.Span> spans = feed(new SpeechSegmenter(null, 0, 0, 300),
                SyntheticAudio.multiChannelWav(16000, left, right), 16000);

        assertEquals(3, spans.size(), spans.toString());
        assertSpan(spans.get(0), 0.5, 1.5, 0);
        assertSpan(spans.get(1), 0.2, 1.8, 1);
        assertSpan(spans.get(2), 3.0, 3.5, 0);
    }

    @Test
    void rawPcmTakesItsChannelsFromTheConfiguration() {
        byte[] left = SyntheticAudio.pcm(8000, 1.0, 0.1, 0.5);
        byte[] right = SyntheticAudio.pcm(8000, 0.2, 0.1, 1.0);
        List<SpeechSegmenter.Span> spans = feed(new SpeechSegmenter("s16le", 8000, 2, 300),
                SyntheticAudio.interleave(left, right), 3000);

        // Both segments still open at the end (less than the hangover of silence): finish() closes them, channel 1's
        // earlier end first.
        assertEquals(2, spans.size(), spans.toString());
        assertSpan(spans.get(0), 0.2, 1.2, 1);
        assertSpan(spans.get(1), 1.0, 1.5, 0);
    }

    @Test
    void silenceOnOneChannelDoesNotHideSpeechOnAnother() {
        // As one signal, a quiet 8-channel mix of one loud channel would still cross the threshold; per channel it is
        // always channel 5 that speaks.
        byte[] quiet = new byte[0];
        byte[] speech = SyntheticAudio.pcm(16000, 0.3, 0.5, 0.6);
        byte[][] channels = {quiet, quiet, quiet, quiet, quiet, speech, quiet, quiet};
        List<SpeechSegmenter.Span> spans = feed(new SpeechSegmenter("wav", 0, 0, 300),
                SyntheticAudio.multiChannelWav(16000, channels), 4096);

        assertEquals(1, spans.size(), spans.toString());
        assertSpan(spans.get(0), 0.3, 0.9, 5);
    }

    @Test
    void waveFormatExtensibleWithAPcmSubFormatIsAnalysed() {
        byte[] left = SyntheticAudio.pcm(16000, 0.2, 0.5, 0.4);
        byte[] right = SyntheticAudio.pcm(16000, 0.8, 0.5, 0.4);
        byte[] pcm = SyntheticAudio.interleave(left, right);
        ByteBuffer h = ByteBuffer.allocate(68).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt(60 + pcm.length).put(ascii("WAVE")).put(ascii("fmt ")).putInt(40)
                .putShort((short) 0xFFFE).putShort((short) 2).putInt(16000).putInt(64000).putShort((short) 4)
                .putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(3)
                .putShort((short) 1).put(new byte[14]) // KSDATAFORMAT_SUBTYPE_PCM
                .put(ascii("data")).putInt(pcm.length);
        List<SpeechSegmenter.Span> spans = feed(new SpeechSegmenter("wav", 0, 0, 300), concat(h.array(), pcm), 5000);

        assertEquals(2, spans.size(), spans.toString());
        assertSpan(spans.get(0), 0.2, 0.6, 0);
        assertSpan(spans.get(1), 0.8, 1.2, 1);
    }

    @Test
    void theLimitEndsOpenSegmentsThereAndIgnoresTheRest() {
        byte[] wav = SyntheticAudio.wav(16000, 0.5, 1.2, 0.8, 1.5, 1.0); // speech 0.5-1.3, 2.5-4.0, 5.2-6.2
        SpeechSegmenter segmenter = new SpeechSegmenter(null, 0, 0, 300, 3.0);
        List<SpeechSegmenter.Span> spans = new ArrayList<>();
        boolean reachedBeforeTheLastChunk = false;
        for (int i = 0; i < wav.length; i += 7000) {
            spans.addAll(segmenter.accept(Arrays.copyOfRange(wav, i, Math.min(wav.length, i + 7000))));
            reachedBeforeTheLastChunk |= segmenter.limitReached() && i + 7000 < wav.length;
        }
        assertTrue(reachedBeforeTheLastChunk);
        assertEquals(2, spans.size(), "both came from accept(), the second at the limit: " + spans);
        assertSpan(spans.get(0), 0.5, 1.3, 0);
        assertEquals(new SpeechSegmenter.Span(2.5, 3.0, 0), spans.get(1));
        assertEquals(List.of(), segmenter.finish());
        assertEquals(3.0, segmenter.durationSeconds());
        assertFalse(segmenter.inSpeech());
    }

    @Test
    void aLimitBetweenFramesIsHonouredToTheSample() {
        byte[] pcm = SyntheticAudio.pcm(16000, 0.1, 0.0, 2.0);
        SpeechSegmenter segmenter = new SpeechSegmenter("s16le", 16000, 1, 300, 1.2345);
        List<SpeechSegmenter.Span> spans = feed(segmenter, pcm, 1000);

        assertEquals(List.of(new SpeechSegmenter.Span(0.1, 1.235, 0)), spans);
        assertEquals(1.2345, segmenter.durationSeconds());
        assertTrue(segmenter.limitReached());
    }

    @Test
    void audioShorterThanTheLimitDoesNotReachIt() {
        SpeechSegmenter segmenter = new SpeechSegmenter(null, 0, 0, 300, 3.0);
        feed(segmenter, SyntheticAudio.wav(16000, 0.5, 0.5, 1.0), 4000);

        assertFalse(segmenter.limitReached());
        assertEquals(2.0, segmenter.durationSeconds(), 0.001);
    }

    @Test
    void byteRateFormatsAreLimitedOnTheirEstimate() {
        SpeechSegmenter segmenter = new SpeechSegmenter("flac", 0, 0, 300, 2.0); // estimated at 48000 bytes a second
        List<SpeechSegmenter.Span> spans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            spans.addAll(segmenter.accept(new byte[40000]));
        }
        spans.addAll(segmenter.finish());

        assertEquals(List.of(new SpeechSegmenter.Span(0, 2.0)), spans);
        assertTrue(segmenter.limitReached());
        assertEquals(2.0, segmenter.durationSeconds());
    }

    @Test
    void chunkSizesThatWouldWrapAnIntEndTheWalkInsteadOfLoopingOrGoingNegative() {
        // 0xFFFFFFF8 once made the walk step by 0 (an endless loop), 0x7FFFFFFF by a negative int (an exception).
        for (int size : new int[] {0xFFFFFFF8, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000}) {
            byte[] wav = hostileWav(size);
            SpeechSegmenter segmenter = new SpeechSegmenter("wav", 0, 0, 300);
            List<SpeechSegmenter.Span> spans = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> feed(segmenter, wav, 1000), "size " + Integer.toHexString(size));

            // The JUNK chunk claims more than the file: no data chunk is ever found, so at the end the byte rate.
            assertEquals(List.of(new SpeechSegmenter.Span(0, Math.round(wav.length / 16.0) / 1000.0)), spans,
                    "size " + Integer.toHexString(size));
        }
    }

    @Test
    void aHeaderThatNeverReachesItsDataFallsBackToTheByteRateAfterOneMebibyte() {
        byte[] wav = hostileWav(0xFFFFFFF8);
        SpeechSegmenter segmenter = new SpeechSegmenter("wav", 0, 0, 300, 60.0);
        List<SpeechSegmenter.Span> spans = new ArrayList<>();
        spans.addAll(segmenter.accept(wav));
        for (int i = 0; i < 16 && spans.isEmpty(); i++) {
            spans.addAll(segmenter.accept(new byte[100_000]));
        }
        // 1 MiB and more is more than the 60 s limit at 16000 bytes a second: the estimate reaches it at once.
        assertEquals(List.of(new SpeechSegmenter.Span(0, 60.0)), spans);
        assertTrue(segmenter.limitReached());
    }

    @Test
    void zeroChannelsOrAZeroRateIsNotPcmToAnalyse() {
        for (int[] fmt : new int[][] {{0, 16000}, {2, 0}, {0xFFFF, 16000}, {2, -5}, {1, Integer.MAX_VALUE}}) {
            ByteBuffer h = ByteBuffer.allocate(44 + 32000).order(ByteOrder.LITTLE_ENDIAN);
            h.put(ascii("RIFF")).putInt(-1).put(ascii("WAVE")).put(ascii("fmt ")).putInt(16).putShort((short) 1)
                    .putShort((short) fmt[0]).putInt(fmt[1]).putInt(0).putShort((short) 0).putShort((short) 16)
                    .put(ascii("data")).putInt(0x7FFFFFF0);
            List<SpeechSegmenter.Span> spans = feed(new SpeechSegmenter("wav", 0, 0, 300), h.array(), 4000);

            assertEquals(List.of(new SpeechSegmenter.Span(0, 2.003)), spans, Arrays.toString(fmt));
        }
    }

    /**
     * A WAV header at its worst: a {@code fmt } with 0 channels and a 0 sample rate, then a JUNK chunk of
     * {@code junkSize} bytes (far more than present), then a {@code data} chunk claiming more than the file, and a
     * second of loud audio.
     */
    static byte[] hostileWav(int junkSize) {
        byte[] audio = SyntheticAudio.pcm(16000, 0, 0, 1.0);
        ByteBuffer h = ByteBuffer.allocate(12 + 24 + 8 + 16 + 8 + audio.length).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt(0xFFFFFFFF).put(ascii("WAVE"))
                .put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 0).putInt(0).putInt(0)
                .putShort((short) 0).putShort((short) 16)
                .put(ascii("JUNK")).putInt(junkSize).put(new byte[16])
                .put(ascii("data")).putInt(0x7FFFFFF0).put(audio);
        return h.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<SpeechSegmenter.Span> feed(SpeechSegmenter segmenter, byte[] audio, int chunk) {
        List<SpeechSegmenter.Span> spans = new ArrayList<>();
        for (int i = 0; i < audio.length; i += chunk) {
            spans.addAll(segmenter.accept(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + chunk))));
        }
        spans.addAll(segmenter.finish());
        return spans;
    }

    private static void assertSpan(SpeechSegmenter.Span span, double start, double end, int channel) {
        assertSpan(span, start, end);
        assertEquals(channel, span.channel(), span.toString());
    }

    private static void assertSpan(SpeechSegmenter.Span span, double start, double end) {
        assertEquals(start, span.start(), 0.021, span.toString());
        assertEquals(end, span.end(), 0.021, span.toString());
    }
}
