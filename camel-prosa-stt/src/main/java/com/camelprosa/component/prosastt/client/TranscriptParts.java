package com.camelprosa.component.prosastt.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of long audio whose sessions the server has confirmed. Handed to the next attempt at the same audio (a
 * redelivery of the same exchange), it makes that attempt resume at the first part not confirmed, so no audio is
 * billed twice. Thread-safe; the parts of other audio (another length or layout) are dropped, not reused.
 */
public final class TranscriptParts {

    /** A confirmed part: its bytes in the audio, its start in seconds, its transcript. */
    record Part(long start, long end, double offsetSeconds, Transcript transcript) {
    }

    private final List<Part> parts = new ArrayList<>();
    private String audio;

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

    @Override
    public synchronized String toString() {
        return "TranscriptParts[confirmed=" + parts.size() + "]";
    }
}
