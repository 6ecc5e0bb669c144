package com.camelprosa.prosastt.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static List<SpeechSegmenter.Span> feed(SpeechSegmenter segmenter, byte[] audio, int chunk) {
        List<SpeechSegmenter.Span> spans = new ArrayList<>();
        for (int i = 0; i < audio.length; i += chunk) {
            spans.addAll(segmenter.accept(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + chunk))));
        }
        spans.addAll(segmenter.finish());
        return spans;
    }

    private static void assertSpan(SpeechSegmenter.Span span, double start, double end) {
        assertEquals(start, span.start(), 0.021, span.toString());
        assertEquals(end, span.end(), 0.021, span.toString());
    }
}
