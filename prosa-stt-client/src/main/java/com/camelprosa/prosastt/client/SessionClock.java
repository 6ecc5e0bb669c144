package com.camelprosa.prosastt.client;

import java.util.concurrent.TimeUnit;

/**
 * A session's phase and the times its three bounds count from: connectTimeout from the start of the connect,
 * responseTimeout from the last progress, finalizeTimeout from the end of the audio. {@link #check} says whether one
 * has passed.
 */
final class SessionClock {

    /** A server that confirmed the job gets this long to send the rest (metadata or close) before we end it. */
    static final long CONFIRMED_GRACE_MILLIS = 1000;

    /** What the bounds say: complete the session (confirmed, the rest never came), or fail it with an error. */
    record Verdict(boolean complete, ProsaSttException failure) {
        static final Verdict COMPLETE = new Verdict(true, null);
    }

    private volatile SessionPhase phase = SessionPhase.OPENING_AUDIO;
    private volatile long phaseStart = System.nanoTime();
    private volatile long lastProgress = phaseStart;
    private volatile long endFrameAt;
    private volatile long confirmedAt;

    SessionPhase phase() {
        return phase;
    }

    void enter(SessionPhase next) {
        phaseStart = System.nanoTime();
        lastProgress = phaseStart;
        phase = next;
    }

    /** Audio accepted, or a new result or partial: the responseTimeout counts again from now. */
    void progress() {
        lastProgress = System.nanoTime();
    }

    void endFrameQueued() {
        endFrameAt = System.nanoTime();
        enter(SessionPhase.AWAITING_CONFIRMATION);
    }

    boolean audioEnded() {
        return endFrameAt != 0;
    }

    void confirmed() {
        confirmedAt = System.nanoTime();
        progress();
    }

    /** The server confirmed the job after the whole audio and the end frame were sent. */
    boolean isConfirmed() {
        return endFrameAt != 0 && confirmedAt != 0;
    }

    long millisInPhase() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - phaseStart);
    }

    /** Null while every bound holds. */
    Verdict check(StreamRequest request, long bytesSent, boolean tcpConnected) {
        long now = System.nanoTime();
        SessionPhase p = phase;
        long sinceProgress = TimeUnit.NANOSECONDS.toMillis(now - lastProgress);
        if (isConfirmed() && TimeUnit.NANOSECONDS.toMillis(now - confirmedAt) > CONFIRMED_GRACE_MILLIS) {
            return Verdict.COMPLETE; // confirmed, but the rest (metadata or close) never came
        }
        if (p == SessionPhase.CONNECTING && TimeUnit.NANOSECONDS.toMillis(now - phaseStart) > request.connectTimeout()) {
            boolean tls = request.url().regionMatches(true, 0, "wss:", 0, 4);
            return fail(new ProsaSttTimeoutException("Could not connect to " + request.url() + " within connectTimeout="
                                                     + request.connectTimeout() + " ms: " + (!tcpConnected ? "the TCP connection was not accepted"
                                                             : tls ? "TCP connected, but the TLS handshake and websocket upgrade did not complete (a server"
                                                                     + " that speaks plain websocket behaves so: then use a ws:// url)"
                                                             : "TCP connected, but no answer to the websocket upgrade was read (the"
                                                               + " server did not answer, or every websocket I/O thread of this JVM was"
                                                               + " held by work that waits, such as a route with continueOnIoThread)")
                                                     + ". Check the url option and the network, or raise connectTimeout."));
        }
        if (p == SessionPhase.AWAITING_CONFIRMATION
            && TimeUnit.NANOSECONDS.toMillis(now - endFrameAt) > request.finalizeTimeout()) {
            return fail(new ProsaSttTimeoutException("Prosa STT did not confirm the job within finalizeTimeout="
                                                     + request.finalizeTimeout() + " ms after the end of the audio (" + bytesSent + " bytes sent). "
                                                     + Failures.SEND_AGAIN + " Raise finalizeTimeout for very long audio."));
        }
        if (p != SessionPhase.CONNECTING && p != SessionPhase.ENDED && sinceProgress > request.responseTimeout()) {
            return fail(new ProsaSttTimeoutException("No progress for " + sinceProgress + " ms while " + p
                                                     + " (responseTimeout=" + request.responseTimeout() + " ms; " + bytesSent + " bytes of audio"
                                                     + " sent). The server may be overloaded or the connection stalled. " + Failures.SEND_AGAIN
                                                     + " Or raise responseTimeout."));
        }
        return null;
    }

    private static Verdict fail(ProsaSttException e) {
        return new Verdict(false, e);
    }
}
