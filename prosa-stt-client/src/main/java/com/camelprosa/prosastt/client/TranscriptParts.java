package com.camelprosa.prosastt.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of long audio whose sessions the server has confirmed, and the channels of a split call it has
 * confirmed. Handed to the next attempt at the same audio (a redelivery of the same exchange), it makes that attempt
 * resume at the first part not confirmed and send no confirmed channel again, so no audio is billed twice. Thread-safe; the parts of other audio (another length or layout) are dropped, not reused.
 */
public final class TranscriptParts {

    /** A confirmed part: its bytes in the audio, its start in seconds, its transcript. */
    record Part(long start, long end, double offsetSeconds, Transcript transcript) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final java.util.Map<Integer, TranscriptParts> channels = new java.util.HashMap<>();
    private String audio;
    private String wholeOf;
    private Transcript whole;

    /** The number of parts confirmed so far. */
    public synchronized int confirmed() {
        return parts.size();
    }

    /** The confirmed parts of this audio, dropping those of other audio. */
    synchronized List<Part> of(String audioIdentity) {
        if (!audioIdentity.equals(audio)) {
            parts.clear();
            audio = audioIdentity;
        }
        return List.copyOf(parts);
    }

    synchronized void add(Part part) {
        parts.add(part);
    }

    /** The progress of one channel of a split call. */
    synchronized TranscriptParts channel(int channel) {
        return channels.computeIfAbsent(channel, c -> new TranscriptParts());
    }

    /** The confirmed transcript of this audio as a whole (a channel that completed), or null. */
    synchronized Transcript whole(String audioIdentity) {
        return audioIdentity.equals(wholeOf) ? whole : null;
    }

    synchronized void whole(String audioIdentity, Transcript transcript) {
        wholeOf = audioIdentity;
        whole = transcript;
    }

    @Override
    public synchronized String toString() {
        return "TranscriptParts[confirmed=" + parts.size() + "]";
    }
}
