package com.camelprosa.prosastt.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's side of its request's {@link SessionObserver}: keeps the instants the durations are measured from,
 * tells each milestone once, and keeps the session safe from what the observer throws.
 */
final class ObservedMilestones {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedMilestones.class);
    private static final SessionObserver NONE = new SessionObserver() {
    };

    private final SessionObserver observer;
    private final AtomicBoolean firstResult = new AtomicBoolean();
    private volatile boolean begun;
    private volatile long started;
    private volatile long created;
    private volatile long audioEnded;

    ObservedMilestones(SessionObserver observer) {
        this.observer = observer == null ? NONE : observer;
    }

    void started() {
        started = System.nanoTime();
        begun = true;
        tell(observer::started);
    }

    void created(String jobId) {
        created = System.nanoTime();
        tell(() -> observer.created(jobId, Duration.ofNanos(created - started)));
    }

    void result(String jobId) {
        if (created != 0 && firstResult.compareAndSet(false, true)) { // a result before 'created' times nothing
            long sinceCreated = System.nanoTime() - created;
            tell(() -> observer.firstResult(jobId, Duration.ofNanos(sinceCreated)));
        }
    }

    void audioEnded() {
        audioEnded = System.nanoTime();
    }

    void confirmed(Transcript transcript, double audioSeconds) {
        long sinceEnd = System.nanoTime() - audioEnded;
        double seconds = audioSeconds >= 0 || transcript.duration() == null ? audioSeconds : transcript.duration();
        tell(() -> observer.confirmed(transcript, Duration.ofNanos(sinceEnd), seconds));
    }

    /** Told only for a session that {@link #started()}: one aborted before it never began. */
    void failed(ProsaSttException error, double audioSeconds) {
        if (begun) {
            tell(() -> observer.failed(error, audioSeconds));
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debug("A session observer failed ({}); the session goes on", e.getClass().getSimpleName(), e);
        }
    }
}
