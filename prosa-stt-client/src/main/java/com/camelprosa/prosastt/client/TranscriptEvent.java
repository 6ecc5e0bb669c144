package com.camelprosa.prosastt.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event of a live session, as the server sends it.
 *
 * @param type    what the event is
 * @param text    the transcript: the current hypothesis (PARTIAL), a final segment (RESULT), the whole text (END)
 * @param start   seconds from the start of the audio where the segment begins; null for PARTIAL
 * @param end     seconds from the start of the audio where the segment ends; null for PARTIAL
 * @param jobId   the server's job id
 * @param channel the audio channel of a RESULT, from 0, when known; else null
 * @param speaker the channel's name ({@code channelNames}), or null
 * @param fields  the server's other fields of a RESULT (e.g. {@code confidence}), as it sent them
 */
public record TranscriptEvent(Type type, String text, Double start, Double end, String jobId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer channel,
        @JsonInclude(JsonInclude.Include.NON_NULL) String speaker,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> fields) {

    public TranscriptEvent {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public TranscriptEvent(Type type, String text, Double start, Double end, String jobId) {
        this(type, text, start, end, jobId, null, null, Map.of());
    }

    /** The event of a final segment. */
    static TranscriptEvent result(Segment s, String jobId) {
        return new TranscriptEvent(Type.RESULT, s.text(), s.start(), s.end(), jobId, s.channel(), s.speaker(), s.fields());
    }

    /**
     * This event later in the audio by {@code seconds} (a RESULT's times; a PARTIAL has none), on {@code channel}
     * named {@code speaker} when not null: as Segment's, for the events of one part or channel of a larger whole.
     */
    TranscriptEvent shifted(double seconds, Integer channel, String speaker) {
        return new TranscriptEvent(type, text, start == null ? null : start + seconds, end == null ? null : end + seconds,
                jobId, channel == null ? this.channel : channel, speaker == null ? this.speaker : speaker, fields);
    }

    public enum Type {
        /** The hypothesis for the segment being spoken; each one replaces the previous. */
        PARTIAL,
        /** The final text of one finished segment. */
        RESULT,
        /** The session ended normally; no event follows. */
        END
    }
}
