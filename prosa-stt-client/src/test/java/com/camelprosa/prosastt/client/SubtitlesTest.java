package com.camelprosa.prosastt.client;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubtitlesTest {

    private static final Subtitles DEFAULTS = Subtitles.defaults();

    private static Transcript transcript(Segment... segments) {
        return new Transcript("job-1", "", List.of(segments), null, null, null, null);
    }

    @Test
    void srtNumbersCuesAndWritesCommaMilliseconds() {
        String srt = DEFAULTS.srt(transcript(new Segment("selamat pagi", 0.5, 1.3),
                new Segment("apa kabar", 3722.345, 3725.5)));

        assertEquals("""
                1
                00:00:00,500 --> 00:00:01,300
                selamat pagi

                2
                01:02:02,345 --> 01:02:05,500
                apa kabar

                """, srt);
    }

    @Test
    void vttStartsWithItsSignatureAndWritesDotMillisecondsWithHours() {
        String vtt = DEFAULTS.vtt(transcript(new Segment("selamat pagi", 0.5, 1.3)));

        assertEquals("""
                WEBVTT

                00:00:00.500 --> 00:00:01.300
                selamat pagi
                """, vtt);
    }

    @Test
    void aNamedChannelIsAVoiceTagInVttAndPlainTextInSrt() {
        Transcript call = transcript(new Segment("selamat pagi", 0.5, 1.3, 0, "agent", Map.of()),
                new Segment("pagi", 2.0, 2.8, 1, "customer", Map.of()));

        String vtt = DEFAULTS.vtt(call);
        assertTrue(vtt.contains("00:00:00.500 --> 00:00:01.300\n<v agent>selamat pagi\n"), vtt);
        assertTrue(vtt.contains("00:00:02.000 --> 00:00:02.800\n<v customer>pagi\n"), vtt);
        assertFalse(DEFAULTS.srt(call).contains("agent"));
    }

    @Test
    void markupCharactersAreEscapedInVttAndTheCueArrowNeverAppearsInText() {
        Segment tricky = new Segment("a < b & c > d --> e ---> f", 1, 2, 0, "<agent & co>", Map.of());

        String vtt = DEFAULTS.vtt(transcript(tricky));
        assertTrue(vtt.endsWith("<v &lt;agent &amp; co&gt;>a &lt; b &amp; c &gt; d -&gt; e -&gt; f\n"), vtt);
        String srt = DEFAULTS.srt(transcript(tricky));
        assertEquals(1, srt.split("-->", -1).length - 1, "only the timing line has an arrow: " + srt);
    }

    @Test
    void segmentsWithoutTextMakeNoCueAndNoCuesMakeAnEmptyFile() {
        Transcript silent = transcript(new Segment("", 0, 1), new Segment("  \n ", 1, 2), new Segment(null, 2, 3));

        assertEquals("", DEFAULTS.srt(silent));
        assertEquals("WEBVTT\n", DEFAULTS.vtt(silent));
        assertEquals(List.of(), DEFAULTS.cues(silent));
    }

    @Test
    void linesWrapAtWordBoundariesAndALongSegmentSplitsRatherThanExceedTwoLines() {
        // 20 words of 4 letters: 99 characters, too many for two lines of 42
        String text = String.join(" ", java.util.Collections.nCopies(20, "kata"));
        List<Subtitles.Cue> cues = DEFAULTS.cues(List.of(new Segment(text, 10, 13)));

        // two cues as even as they go, each of two even lines
        String five = "kata kata kata kata kata";
        assertEquals(List.of(List.of(five, five), List.of(five, five)), cues.stream().map(Subtitles.Cue::lines).toList());
        // times shared by characters: the first cue's 50 characters (with the space after) of 99
        assertEquals(10.0, cues.get(0).start(), 1e-9);
        assertEquals(10 + 3.0 * 50 / 99, cues.get(0).end(), 1e-9);
        assertEquals(cues.get(0).end(), cues.get(1).start(), 1e-9);
        assertEquals(13.0, cues.get(1).end(), 1e-9);
    }

    @Test
    void noLineIsLongerThanMaxLineLengthAndNoWordIsLostOrSplit() {
        String text = "Selamat pagi, ada yang bisa saya bantu? Saya ingin menanyakan pesanan saya yang dikirim kemarin"
                      + " sore ke alamat kantor, tetapi sampai sekarang belum juga datang. Terima kasih banyak.";
        for (int width : List.of(10, 20, 42, 60)) {
            for (int lines : List.of(1, 2, 3)) {
                List<Subtitles.Cue> cues = new Subtitles(4000, width, lines).cues(List.of(new Segment(text, 1, 20)));
                for (Subtitles.Cue cue : cues) {
                    assertTrue(cue.lines().size() <= lines && cue.lines().stream().allMatch(l -> l.length() <= width)
                               && cue.end() - cue.start() <= 4.0 + 1e-9, width + "/" + lines + ": " + cue);
                }
                assertEquals(text, String.join(" ", cues.stream().flatMap(c -> c.lines().stream()).toList()));
                for (int i = 1; i < cues.size(); i++) {
                    assertEquals(cues.get(i - 1).end(), cues.get(i).start(), 1e-9, "cues follow each other");
                }
            }
        }
    }

    @Test
    void aSegmentLongerThanTheLongestCueSplitsIntoCuesNoLongerThanIt() {
        // 16 s of 8 words: each word with its space 2 s; 7 s holds 3 of them
        Segment slow = new Segment("satu dua tiga empat lima enam tujuh delapan", 100, 116);
        List<Subtitles.Cue> cues = DEFAULTS.cues(List.of(slow));

        assertTrue(cues.size() >= 3, cues.toString());
        for (Subtitles.Cue cue : cues) {
            assertTrue(cue.end() - cue.start() <= 7.0 + 1e-9, cue.toString());
        }
        assertEquals(100.0, cues.get(0).start(), 1e-9);
        assertEquals(116.0, cues.get(cues.size() - 1).end(), 1e-9);
        assertEquals(slow.text(), String.join(" ", cues.stream().flatMap(c -> c.lines().stream()).toList()));
    }

    @Test
    void optionsChangeTheLayout() {
        Subtitles narrow = new Subtitles(60_000, 10, 1);
        List<Subtitles.Cue> cues = narrow.cues(List.of(new Segment("selamat pagi apa kabar", 0, 4)));

        assertEquals(List.of(List.of("selamat"), List.of("pagi apa"), List.of("kabar")),
                cues.stream().map(Subtitles.Cue::lines).toList());
    }

    @Test
    void aWordLongerThanALineStaysWhole() {
        List<Subtitles.Cue> cues = new Subtitles(7000, 5, 2).cues(List.of(new Segment("internasionalisasi ya", 0, 2)));

        assertEquals(List.of("internasionalisasi", "ya"), cues.get(0).lines());
    }

    @Test
    void cuesOfOverlappingChannelsAreInTimeOrder() {
        Transcript call = transcript(new Segment("agent speaks long", 0, 5, 0, "agent", Map.of()),
                new Segment("customer late", 4, 6, 1, "customer", Map.of()),
                new Segment("customer early", 1, 2, 1, "customer", Map.of()));

        assertEquals(List.of(0.0, 1.0, 4.0), DEFAULTS.cues(call).stream().map(Subtitles.Cue::start).toList());
    }

    @Test
    void aZeroLengthSegmentStillEndsAfterItStarts() {
        assertTrue(DEFAULTS.srt(transcript(new Segment("ya", 3, 3))).contains("00:00:03,000 --> 00:00:03,001"));
    }

    @Test
    void optionsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Subtitles(0, 42, 2));
        assertThrows(IllegalArgumentException.class, () -> new Subtitles(7000, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Subtitles(7000, 42, 0));
    }
}
