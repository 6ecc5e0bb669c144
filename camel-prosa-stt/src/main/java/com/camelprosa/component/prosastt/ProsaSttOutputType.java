package com.camelprosa.component.prosastt;

/** What the producer puts in the message body. Lower-case names, as users write them in URIs. */
public enum ProsaSttOutputType {
    /** The final segments' texts joined by a space (a String). */
    text,
    /** A {@link com.camelprosa.prosastt.client.Transcript}: job id, text, segments with times, metadata. */
    transcript,
    /** The final segments, a {@code List<Segment>} with start and end times. */
    segments,
    /**
     * A live {@link com.camelprosa.prosastt.client.TranscriptStream} ({@code Iterator<TranscriptEvent>}) of
     * partials, results and the end, returned as soon as the job is created, for code that iterates it itself (a bean,
     * a {@code ProducerTemplate} caller). For live events in a route use the {@code eventUri} option instead: a
     * {@code split(body()).streaming()} asks {@code hasNext()} first, so it would hold each event back until the next
     * one arrives.
     */
    stream,
    /**
     * SubRip subtitles of the segments (a String), cues laid out by the {@code subtitle*} options; see
     * {@link com.camelprosa.prosastt.client.Subtitles}.
     */
    srt,
    /**
     * WebVTT subtitles of the segments (a String), speakers of named channels as voice tags ({@code <v agent>}), cues
     * laid out by the {@code subtitle*} options; see {@link com.camelprosa.prosastt.client.Subtitles}.
     */
    vtt
}
