package com.camelprosa.component.prosastt.client;

/**
 * The final text of one finished segment of speech.
 *
 * @param text  what was said (may be empty)
 * @param start seconds from the start of the stream where the segment begins
 * @param end   seconds from the start of the stream where the segment ends
 */
public record Segment(String text, double start, double end) {
}
