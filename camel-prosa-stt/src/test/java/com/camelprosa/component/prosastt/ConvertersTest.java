package com.camelprosa.component.prosastt;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.SegmentList;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The component's bodies flow into ordinary routes: text as String, UTF-8 JSON as bytes and streams. */
class ConvertersTest extends EmulatorTestSupport {

    private static final String JOINED = String.join(" ", WORDS);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @Test
    void aTranscriptBodyIsWrittenByFileAsItsJson() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("toFile").whenCompleted(1).create();
        Files.write(Files.createDirectories(work.resolve("in")).resolve(LABEL), THREE_WORDS_WAV);

        assertTrue(done.matches(30, TimeUnit.SECONDS), "the file was transcribed and written");
        JsonNode json = JSON.readTree(work.resolve("out").resolve("three-words.json").toFile());
        assertEquals(JOINED, json.get("text").asText());
        assertEquals(36, json.get("jobId").asText().length(), "the emulator's job id, a UUID");
        assertEquals(3, json.get("segments").size());
        assertEquals("apa kabar", json.get("segments").get(1).get("text").asText());
        assertEquals(2.3, json.get("segments").get(1).get("start").asDouble(), 0.021);
        assertEquals(3.5, json.get("segments").get(1).get("end").asDouble(), 0.021);
        assertTrue(json.get("duration").asDouble() > 5);
        assertEquals(Boolean.FALSE, json.get("maxReached").booleanValue());
    }

    @Test
    void aTranscriptIsItsTextAsStringAndTheSameJsonAsMarshalJson() throws Exception {
        Exchange out = send(uri("general", "outputType=transcript"), THREE_WORDS_WAV);
        Transcript transcript = assertInstanceOf(Transcript.class, out.getMessage().getBody());

        assertEquals(JOINED, out.getMessage().getBody(String.class));
        byte[] json = out.getMessage().getBody(byte[].class);
        assertEquals(transcript.jobId(), JSON.readTree(json).get("jobId").asText());
        try (InputStream in = out.getMessage().getBody(InputStream.class)) {
            assertArrayEquals(json, in.readAllBytes());
        }
        assertArrayEquals(json, template.requestBody("direct:marshalJson", transcript, byte[].class),
                "the converter's JSON is camel-jackson's");
    }

    @Test
    void segmentsAreTheirTextAsStringAndAJsonArrayAsBytes() throws Exception {
        Exchange out = send(uri("general", "outputType=segments"), THREE_WORDS_WAV);

        assertEquals(JOINED, out.getMessage().getBody(String.class));
        JsonNode json = JSON.readTree(out.getMessage().getBody(byte[].class));
        assertTrue(json.isArray());
        assertEquals(WORDS, List.of(json.get(0).get("text").asText(), json.get(1).get("text").asText(),
                json.get(2).get("text").asText()));
        assertEquals(4.5, json.get(2).get("start").asDouble(), 0.021);
        try (InputStream in = out.getMessage().getBody(InputStream.class)) {
            assertEquals(json, JSON.readTree(in));
        }
        assertArrayEquals(out.getMessage().getBody(byte[].class),
                template.requestBody("direct:marshalJson", out.getMessage().getBody(), byte[].class));
    }

    @Test
    void otherListsKeepCamelsOwnConversionBeforeAndAfterSegments() {
        TypeConverter converter = context.getTypeConverter();
        List<Object> words = List.of("selamat", "pagi");
        List<Segment> plain = List.of(new Segment("halo", 0.5, 1.0), new Segment("dunia", 1.2, 1.8));

        // Camel caches the converter it found for a body's class: List.of(...) and List.copyOf(...) share classes.
        assertEquals("[selamat, pagi]", converter.convertTo(String.class, words));
        assertEquals("halo dunia", converter.convertTo(String.class, SegmentList.of(plain)));
        assertEquals("[selamat, pagi]", converter.convertTo(String.class, words));
        assertEquals(plain.toString(), converter.convertTo(String.class, plain), "a plain List is not claimed");
        assertEquals("halo dunia", converter.convertTo(String.class, SegmentList.of(plain)));
        assertEquals("", converter.convertTo(String.class, SegmentList.of(List.of())), "no segments, no text");
        assertEquals("[]", new String(converter.convertTo(byte[].class, SegmentList.of(List.of())),
                StandardCharsets.UTF_8));
    }

    @Test
    void liveEventsAreTheirTextAsStringAndJsonAsBytes() throws Exception {
        MockEndpoint texts = getMockEndpoint("mock:texts");
        MockEndpoint json = getMockEndpoint("mock:json");
        texts.expectedBodiesReceived(WORDS.get(0), WORDS.get(1), WORDS.get(2), JOINED);
        json.expectedMessageCount(4);

        template.send("direct:live", e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        });

        MockEndpoint.assertIsSatisfied(context, 10, TimeUnit.SECONDS);
        JsonNode result = JSON.readTree(json.getExchanges().get(1).getMessage().getBody(byte[].class));
        assertEquals("RESULT", result.get("type").asText());
        assertEquals("apa kabar", result.get("text").asText());
        assertEquals(2.3, result.get("start").asDouble(), 0.021);
        JsonNode end = JSON.readTree(json.getExchanges().get(3).getMessage().getBody(byte[].class));
        assertEquals("END", end.get("type").asText());
        assertTrue(end.get("start").isNull());
        assertEquals(result.get("jobId"), end.get("jobId"));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + work.resolve("in") + "?move=.done").routeId("toFile")
                        .to(uri("general", "outputType=transcript"))
                        .setHeader(Exchange.FILE_NAME, simple("${file:name.noext}.json"))
                        .to("file:" + work.resolve("out"));
                from("direct:marshalJson").marshal().json();
                from("direct:live").to(uri("general", "outputType=stream"))
                        .split(body()).streaming()
                        .to("mock:json")
                        .convertBodyTo(String.class).to("mock:texts");
            }
        };
    }
}
