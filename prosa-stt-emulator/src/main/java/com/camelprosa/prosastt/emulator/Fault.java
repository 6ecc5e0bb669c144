package com.camelprosa.prosastt.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A misbehaviour the emulator acts out on demand, for one session (a {@code [fault=...]} marker in the session's
 * label) or for all (the emulator's {@code fault} setting).
 * <ul>
 * <li>{@code close:CODE} closes the socket with CODE (e.g. 4001, 4005, 4029, 1011) in answer to the configuration;</li>
 * <li>{@code quota} sends a {@code quota} message after the first audio chunk, then closes with 4005;</li>
 * <li>{@code stall} never answers the configuration (no {@code created}, no close);</li>
 * <li>{@code stall-after-end} behaves until the end frame, then never answers again;</li>
 * <li>{@code late:MILLIS} holds every result until MILLIS after the end frame;</li>
 * <li>{@code noise} adds unknown message types and unknown fields to what it sends;</li>
 * <li>{@code drop} drops the TCP connection without a close frame at the first audio chunk;</li>
 * <li>{@code slow:MILLIS} reads slowly: waits MILLIS before taking each audio chunk;</li>
 * <li>{@code huge:BYTES} sends a text message of about BYTES after the first audio chunk;</li>
 * <li>{@code garbage} sends a text message that is not JSON after the first audio chunk;</li>
 * <li>{@code truncate} closes with 1000 at the first audio chunk, as a server that read only part of the audio;</li>
 * <li>{@code binary} sends a binary frame after the first audio chunk;</li>
 * <li>{@code complete-early} confirms the job (status complete, metadata) at the first audio chunk, and keeps reading;</li>
 * <li>{@code close-after-end} closes with 1000 right after the end frame: no final result, no confirmation;</li>
 * <li>{@code no-confirm} sends the final results, then closes with 1000 without status complete or metadata;</li>
 * <li>{@code keepalive:MILLIS} after the end frame sends a repeated {@code in_progress} status and a ping every
 * MILLIS (default 100), never confirming;</li>
 * <li>{@code result-after-complete} sends one more result after status complete and metadata;</li>
 * <li>{@code drop-after-complete} confirms the job, then drops the TCP connection without a close frame;</li>
 * <li>{@code max-duration:SECONDS} is not a misbehaviour: the session's maximum duration is SECONDS instead of the
 * emulator's, acted out in the emulator's {@code maxDurationMode}.</li>
 * </ul>
 */
record Fault(String kind, int arg) {

    static final Fault NONE = new Fault("none", 0);

    private static final Pattern MARKER = Pattern.compile("\\[fault=([a-z-]+)(?::(\\d+))?]");

    static Fault parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Matcher m = MARKER.matcher(spec.contains("[") ? spec : "[fault=" + spec + "]");
        if (!m.find()) {
            throw new IllegalArgumentException("Unknown fault: " + spec);
        }
        return new Fault(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** The fault named by a label's marker, or the given default when the label has none. */
    static Fault fromLabel(String label, Fault fallback) {
        if (label != null && MARKER.matcher(label).find()) {
            return parse(label);
        }
        return fallback;
    }

    boolean is(String name) {
        return kind.equals(name);
    }
}
