package com.camelprosa.component.prosastt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.SubtitleParser;
import com.camelprosa.component.prosastt.support.SubtitleParser.ParsedCue;
import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** outputType=srt and vtt against the emulator, each file read back by a real subtitle parser. */
class SubtitlesTest extends EmulatorTestSupport {

    /** Half a millisecond: the files hold times rounded to the millisecond. */
    private static final double MS = 0.0005 + 1e-9;

    @TempDir
    Path dir;

    private Transcript transcript(String options, byte[] audio) {
        return template.requestBodyAndHeader(uri("general", options), audio,
                ProsaSttConstants.LABEL, LABEL, Transcript.class);
    }

    private Path subtitles(String options, byte[] audio, String name) throws Exception {
        Exchange out = send(uri("general", options), audio);
        assertEquals(null, out.getException());
        String body = assertInstanceOf(String.class, out.getMessage().getBody());
        // both parsers also read the other format's millisecond separator: the timing lines are checked here
        String time = "\\d{2,}:\\d{2}:\\d{2}" + (name.endsWith(".srt") ? "," : "\\.") + "\\d{3}";
        body.lines().filter(l -> l.contains("-->"))
                .forEach(l -> assertTrue(l.matches(time + " --> " + time), "timing line: " + l));
        return Files.writeString(dir.resolve(name), body);
    }

    @Test
    void vttHasOneCuePerSegmentWithItsTimesAndText() throws Exception {
        List<Segment> segments = transcript("outputType=transcript", THREE_WORDS_WAV).segments();

        List<ParsedCue> cues = SubtitleParser.vtt(subtitles("outputType=vtt", THREE_WORDS_WAV, "three-words.vtt"));

        assertEquals(WORDS.size(), segments.size());
        assertCuesAreSegments(segments, cues, false);
    }

    @Test
    void srtHasOneCuePerSegmentWithItsTimesAndText() throws Exception {
        List<Segment> segments = transcript("outputType=transcript", THREE_WORDS_WAV).segments();

        List<ParsedCue> cues = SubtitleParser.srt(subtitles("outputType=srt", THREE_WORDS_WAV, "three-words.srt"));

        assertCuesAreSegments(segments, cues, false);
    }

    @Test
    void namedChannelsAreVoiceTags() throws Exception {
        String split = "splitChannels=true&channelNames=agent,customer";
        List<Segment> segments = transcript(split + "&outputType=transcript", SplitChannelsTest.STEREO_WAV).segments();

        List<ParsedCue> cues = SubtitleParser.vtt(subtitles(split + "&outputType=vtt", SplitChannelsTest.STEREO_WAV,
                "call.vtt"));

        assertCuesAreSegments(segments, cues, true);
        assertEquals(List.of("<v agent>selamat pagi", "<v customer>selamat pagi", "<v agent>apa kabar",
                "<v customer>apa kabar"), cues.stream().map(ParsedCue::text).toList());
    }

    @Test
    void cueOptionsSplitASegmentAtWordsWithinItsTimes() throws Exception {
        List<Segment> segments = transcript("outputType=transcript", THREE_WORDS_WAV).segments();

        List<ParsedCue> cues = SubtitleParser.srt(subtitles("outputType=srt&subtitleMaxLineLength=5&subtitleMaxLines=1",
                THREE_WORDS_WAV, "narrow.srt"));

        // every segment is two words, together longer than a line of five: a cue each
        assertEquals(2 * segments.size(), cues.size(), cues.toString());
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            ParsedCue first = cues.get(2 * i);
            ParsedCue second = cues.get(2 * i + 1);
            assertEquals(s.text(), first.text() + " " + second.text());
            assertEquals(s.start(), first.start(), MS);
            assertEquals(first.end(), second.start(), MS);
            assertEquals(s.end(), second.end(), MS);
            assertTrue(first.end() > first.start() && second.end() > second.start(), cues.toString());
        }
    }

    @Test
    void aCueOptionThatIsNotPositiveIsRefusedNamingIt() {
        Exception e = assertThrows(Exception.class,
                () -> context.getEndpoint(uri("general", "outputType=vtt&subtitleMaxLines=0")));

        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ProsaSttInvalidConfigurationException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(ProsaSttInvalidConfigurationException.class, cause);
        assertTrue(cause.getMessage().contains("subtitleMaxLines=0"), cause.getMessage());
    }

    private static void assertCuesAreSegments(List<Segment> segments, List<ParsedCue> cues, boolean voices) {
        assertEquals(segments.size(), cues.size(), cues.toString());
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            ParsedCue c = cues.get(i);
            assertEquals(s.start(), c.start(), MS, "start of cue " + i);
            assertEquals(s.end(), c.end(), MS, "end of cue " + i);
            assertEquals(voices ? "<v " + s.speaker() + ">" + s.text() : s.text(), c.text(), "text of cue " + i);
        }
    }
}
