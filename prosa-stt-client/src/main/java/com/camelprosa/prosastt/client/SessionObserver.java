package com.camelprosa.prosastt.client;

import java.time.Duration;

/**
 * Hears the milestones of each websocket session a request opens (one per part of long audio, one per channel with
 * {@code splitChannels}), for metrics or tracing. Set it with {@link StreamRequestBuilder#observer(SessionObserver)}.
 * <p>
 * Called on the session's own threads (websocket I/O, timers): return quickly and never block. Concurrent sessions of
 * one request call the same observer at once. What an observer throws is logged at debug level and never changes
 * the session. Every session that calls {@link #started()} ends with exactly one of {@link #confirmed} and
 * {@link #failed}.
 */
public interface SessionObserver {

    /** A session starts: its audio is opened and its connect begins. */
    default void started() {
    }

    /** The server created the job, {@code connect} after {@link #started()}: the audio starts to flow. */
    default void created(String jobId, Duration connect) {
    }

    /** The session's first result arrived, {@code sinceCreated} after the job was created. */
    default void firstResult(String jobId, Duration sinceCreated) {
    }

    /**
     * The server confirmed the job, {@code sinceEndOfAudio} after the end frame was queued.
     *
     * @param transcript   this session's transcript (its {@code quotaUsed} from the server's metadata)
     * @param audioSeconds seconds of audio sent: from the audio's byte rate, else the server's duration; negative
     *                     when neither is known
     */
    default void confirmed(Transcript transcript, Duration sinceEndOfAudio, double audioSeconds) {
    }

    /**
     * The session failed.
     *
     * @param audioSeconds seconds of audio sent before it failed, from the audio's byte rate; negative when unknown
     */
    default void failed(ProsaSttException error, double audioSeconds) {
    }
}
