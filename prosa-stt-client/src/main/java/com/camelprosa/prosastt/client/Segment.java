package com.camelprosa.prosastt.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The final text of one finished segment of speech.
 *
 * @param text    what was said (may be empty)
 * @param start   seconds from the start of the audio where the segment begins
 * @param end     seconds from the start of the audio where the segment ends
 * @param channel the audio channel it was heard on, from 0, as the server or {@code splitChannels} says; null if
 *                unknown
 * @param speaker the channel's name ({@code channelNames}), or null
 * @param fields  the server's other fields of the result (e.g. {@code confidence}, {@code final}), as it sent them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Segment(String text, double start, double end, Integer channel, String speaker,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> fields) {

    public Segment {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public Segment(String text, double start, double end) {
        this(text, start, end, null, null, Map.of());
    }

    /** This segment later in the audio by {@code seconds}, on {@code channel} named {@code speaker} when not null. */
    Segment shifted(double seconds, Integer channel, String speaker) {
        return new Segment(text, start + seconds, end + seconds, channel == null ? this.channel : channel,
                speaker == null ? this.speaker : speaker, fields);
    }
}
