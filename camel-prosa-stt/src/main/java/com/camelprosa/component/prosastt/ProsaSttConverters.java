package com.camelprosa.component.prosastt;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import com.camelprosa.prosastt.client.SegmentList;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Converter;
import org.apache.camel.TypeConversionException;

/**
 * Lets the bodies of {@code outputType=transcript}, {@code segments} and {@code stream} (its events) flow into any
 * route: to {@code String} they are the text that was said; to {@code byte[]} or {@code InputStream} (what
 * {@code file:}, HTTP and messaging endpoints write) they are their JSON in UTF-8, the same JSON
 * {@code .marshal().json()} gives.
 * <p>
 * The segments of {@code outputType=segments} are a {@link SegmentList}, a class of its own: a converter from
 * {@code List} would claim every list of the application, and Camel caches converters by the body's class, so a
 * {@code List.of(...)} converted earlier would decide how every later list of that class converts.
 */
@Converter(generateLoader = true)
public final class ProsaSttConverters {

    /** Jackson's defaults, as camel-jackson's {@code .marshal().json()} uses them. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProsaSttConverters() {
    }

    /** The whole text: the final segments joined by a space. */
    @Converter
    public static String toString(Transcript transcript) {
        return transcript.text();
    }

    /** Job id, text, segments with times and the closing figures, as UTF-8 JSON. */
    @Converter
    public static byte[] toByteArray(Transcript transcript) {
        return json(transcript);
    }

    @Converter
    public static InputStream toInputStream(Transcript transcript) {
        return new ByteArrayInputStream(json(transcript));
    }

    /** The segments' texts joined by a space (empty for no segments). */
    @Converter
    public static String toString(SegmentList segments) {
        return segments.text();
    }

    /** A JSON array of {@code {"text", "start", "end"}}, UTF-8. */
    @Converter
    public static byte[] toByteArray(SegmentList segments) {
        return json(segments);
    }

    @Converter
    public static InputStream toInputStream(SegmentList segments) {
        return new ByteArrayInputStream(json(segments));
    }

    /** The event's text: the hypothesis (PARTIAL), the segment (RESULT) or the whole text (END). */
    @Converter
    public static String toString(TranscriptEvent event) {
        return event.text();
    }

    /** {@code {"type", "text", "start", "end", "jobId"}} as UTF-8 JSON. */
    @Converter
    public static byte[] toByteArray(TranscriptEvent event) {
        return json(event);
    }

    @Converter
    public static InputStream toInputStream(TranscriptEvent event) {
        return new ByteArrayInputStream(json(event));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value); // always UTF-8
        } catch (JsonProcessingException e) {
            throw new TypeConversionException(value, byte[].class, e);
        }
    }
}
