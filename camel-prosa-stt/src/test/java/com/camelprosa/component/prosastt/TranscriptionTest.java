package com.camelprosa.component.prosastt;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptionTest extends EmulatorTestSupport {

    private static final String JOINED = String.join(" ", WORDS);

    @TempDir
    Path dir;

    @Test
    void headerAuthReturnsTheJoinedFinalTextAndHeaders() {
        Exchange out = send(uri("general", null), THREE_WORDS_WAV);

        assertNull(out.getException());
        assertEquals(JOINED, out.getMessage().getBody(String.class));
        assertNotNull(out.getMessage().getHeader(ProsaSttConstants.JOB_ID));
        assertEquals(3, out.getMessage().getHeader(ProsaSttConstants.SEGMENT_COUNT));
        assertEquals(THREE_WORDS_WAV.length / 32000.0, out.getMessage().getHeader(ProsaSttConstants.DURATION, Double.class),
                0.03);
        assertNotNull(out.getMessage().getHeader(ProsaSttConstants.QUOTA_USED));
        assertEquals(Boolean.FALSE, out.getMessage().getHeader(ProsaSttConstants.MAX_REACHED));
        assertEquals("header", lastSession().authMode());
    }

    @Test
    void messageAuthSendsTheTokenFirst() {
        Exchange out = send(uri("general", "authMode=message"), THREE_WORDS_WAV);

        assertNull(out.getException());
        assertEquals(JOINED, out.getMessage().getBody(String.class));
        assertEquals("message", lastSession().authMode());
    }

    @Test
    void transcriptOutputCarriesSegmentsWithTheAudiosTimes() {
        Exchange out = send(uri("general", "outputType=transcript"), THREE_WORDS_WAV);

        Transcript t = assertInstanceOf(Transcript.class, out.getMessage().getBody());
        assertEquals(JOINED, t.text());
        assertEquals(out.getMessage().getHeader(ProsaSttConstants.JOB_ID), t.jobId());
        assertEquals(WORDS, t.segments().stream().map(Segment::text).toList());
        assertSegment(t.segments().get(0), 0.5, 1.3);
        assertSegment(t.segments().get(1), 2.3, 3.5);
        assertSegment(t.segments().get(2), 4.5, 5.1);
        assertNotNull(t.duration());
        assertEquals(Boolean.FALSE, t.maxReached());
    }

    @Test
    @SuppressWarnings("unchecked")
    void segmentsOutputIsTheListOfSegments() {
        Exchange out = send(uri("general", "outputType=segments"), THREE_WORDS_WAV);

        List<Segment> segments = out.getMessage().getBody(List.class);
        assertEquals(3, segments.size());
        assertEquals("apa kabar", segments.get(1).text());
        assertSegment(segments.get(1), 2.3, 3.5);
    }

    @Test
    void resultsArrivingAfterTheEndFrameAreKept() {
        Exchange out = send(uri("general", null), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=late:300]"));

        assertNull(out.getException());
        assertEquals(3, out.getMessage().getHeader(ProsaSttConstants.SEGMENT_COUNT));
        assertTrue(lastSession().endOfAudio());
    }

    @Test
    void audioIsStreamedInChunksWithTheHeaderOnlyInTheFirst() {
        Exchange out = send(uri("general", "chunkSize=1000"), THREE_WORDS_WAV);

        assertNull(out.getException());
        List<Integer> frames = lastSession().binaryFrameSizes();
        assertEquals((THREE_WORDS_WAV.length + 999) / 1000, frames.size());
        assertTrue(frames.stream().allMatch(n -> n <= 1000));
        assertEquals(THREE_WORDS_WAV.length, lastSession().audioBytes());
        assertTrue(lastSession().endOfAudio());
        assertEquals(JOINED, out.getMessage().getBody(String.class), "the emulator parsed the header from frame one");
    }

    @Test
    void configurationHasExactlyTheProtocolsFieldsAndTypes() throws Exception {
        send(uri("general", "includePartial=true"), THREE_WORDS_WAV);

        JsonNode config = new ObjectMapper().readTree(lastSession().configuration());
        assertEquals(List.of("model", "label", "include_partial", "include_filler", "audio"),
                iterable(config.fieldNames()));
        assertEquals("stt-general-online", config.get("model").textValue());
        assertEquals(LABEL, config.get("label").textValue());
        assertTrue(config.get("include_partial").booleanValue());
        assertTrue(config.get("include_filler").isBoolean());
        assertEquals("wav", config.get("audio").get("format").textValue(), "detected from the RIFF header");
        assertNull(lastSession().protocolViolation());
    }

    @Test
    void rawPcmDeclaresFormatRateAndChannels() throws Exception {
        byte[] pcm = SyntheticAudio.pcm(8000, 0.3, 0.6, 0.5);
        Exchange out = send(uri("general", "audioFormat=s16le&sampleRate=8000&channels=1"), pcm);

        assertNull(out.getException());
        JsonNode audio = new ObjectMapper().readTree(lastSession().configuration()).get("audio");
        assertEquals("s16le", audio.get("format").textValue());
        assertEquals(8000, audio.get("sample_rate").intValue());
        assertEquals(1, audio.get("channels").intValue());
        assertEquals(1, out.getMessage().getHeader(ProsaSttConstants.SEGMENT_COUNT));
    }

    @Test
    void rawPcmWithoutChannelsIsDeclaredMono() throws Exception {
        Exchange out = send(uri("general", null), SyntheticAudio.pcm(16000, 0.2, 0.5, 0.4),
                Map.of(ProsaSttConstants.LABEL, LABEL, ProsaSttConstants.AUDIO_FORMAT, "s16le",
                        ProsaSttConstants.SAMPLE_RATE, 16000));

        assertNull(out.getException());
        JsonNode audio = new ObjectMapper().readTree(lastSession().configuration()).get("audio");
        assertEquals("s16le", audio.get("format").textValue());
        assertEquals(16000, audio.get("sample_rate").intValue());
        assertEquals(1, audio.get("channels").intValue());
    }

    @Test
    void fullModelNamesPassThroughAndHeadersOverrideTheModel() throws Exception {
        send(uri("stt-general", null), THREE_WORDS_WAV);
        assertEquals("stt-general", new ObjectMapper().readTree(lastSession().configuration()).get("model").textValue());

        send(uri("general", null), THREE_WORDS_WAV, Map.of(ProsaSttConstants.MODEL, "stt-general"));
        assertEquals("stt-general", new ObjectMapper().readTree(lastSession().configuration()).get("model").textValue());
    }

    @Test
    void fileAndPathBodiesUseTheFileNameAsLabel() throws Exception {
        Path wav = Files.write(dir.resolve(LABEL), THREE_WORDS_WAV);

        assertEquals(JOINED, send(uri("general", null), wav.toFile(), Map.of()).getMessage().getBody(String.class));
        assertEquals(JOINED, send(uri("general", null), wav, Map.of()).getMessage().getBody(String.class));
        assertEquals(LABEL, new ObjectMapper().readTree(lastSession().configuration()).get("label").textValue());
    }

    @Test
    void labelOptionWinsOverTheFileName() throws Exception {
        Path wav = Files.write(dir.resolve("other-name.wav"), THREE_WORDS_WAV);

        Exchange out = send(uri("general", "label=" + LABEL), wav, Map.of());
        assertEquals(JOINED, out.getMessage().getBody(String.class));
    }

    @Test
    void inputStreamBodiesAreStreamedAndClosed() {
        boolean[] closed = new boolean[1];
        ByteArrayInputStream in = new ByteArrayInputStream(THREE_WORDS_WAV) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Exchange out = send(uri("general", null), in);

        assertEquals(JOINED, out.getMessage().getBody(String.class));
        assertTrue(closed[0], "the producer closes the stream it consumed");
    }

    @Test
    void componentLevelApiKeyServesEveryEndpoint() {
        ProsaSttComponent component = context.getComponent("prosa-stt", ProsaSttComponent.class);
        component.getConfiguration().setApiKey(API_KEY);
        try {
            Exchange out = send("prosa-stt:general?url=" + emulator.url(), THREE_WORDS_WAV);
            assertNull(out.getException());
            assertEquals(JOINED, out.getMessage().getBody(String.class));
        } finally {
            component.getConfiguration().setApiKey(null);
        }
    }

    @Test
    void streamCachedBodiesWorkInARoute() throws Exception {
        MockEndpoint result = getMockEndpoint("mock:text");
        result.expectedBodiesReceived(JOINED);

        template.sendBodyAndHeader("direct:cached", new ByteArrayInputStream(THREE_WORDS_WAV), ProsaSttConstants.LABEL,
                LABEL);

        result.assertIsSatisfied();
    }

    @Test
    void unknownLabelsGetTheEmulatorsHonestPlaceholderText() {
        Exchange out = send(uri("general", "outputType=transcript"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, "unknown-label.wav"));

        Transcript t = out.getMessage().getBody(Transcript.class);
        assertEquals(3, t.segments().size());
        assertFalse(t.text().isBlank());
        assertTrue(t.text().contains("no transcript script"), "the emulator says honestly it has no text: " + t.text());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cached").streamCache("true")
                        .to(uri("general", null))
                        .to("mock:text");
            }
        };
    }


    private static void assertSegment(Segment segment, double start, double end) {
        assertEquals(start, segment.start(), 0.021, segment.toString());
        assertEquals(end, segment.end(), 0.021, segment.toString());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
