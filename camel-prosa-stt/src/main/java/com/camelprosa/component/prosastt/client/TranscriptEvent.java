package com.camelprosa.component.prosastt.client;

/**
 * One event of a live session, as the server sends it.
 *
 * @param type  what the event is
 * @param text  the transcript: the current hypothesis (PARTIAL), a final segment (RESULT), the whole text (END)
 * @param start seconds from the stream start where the segment begins; null for PARTIAL
 * @param end   seconds from the stream start where the segment ends; null for PARTIAL
 * @param jobId the server's job id
 */
public record TranscriptEvent(Type type, String text, Double start, Double end, String jobId) {

    public enum Type {
        /** The hypothesis for the segment being spoken; each one replaces the previous. */
        PARTIAL,
        /** The final text of one finished segment. */
        RESULT,
        /** The session ended normally; no event follows. */
        END
    }
}
