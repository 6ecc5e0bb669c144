package com.camelprosa.prosastt.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The watchdog of one session: every few milliseconds it checks the bounds of the session's {@link SessionClock} and
 * any further bound, and ends the session when one has passed.
 */
final class SessionWatchdog {

    private final StreamRequest request;
    private final SessionClock clock;
    private final SessionConnection connection;
    private final StreamingSession session;
    private volatile ScheduledFuture<?> task;
    /** A further bound (a TranscriptStream nobody reads), or null. */
    private volatile Supplier<ProsaSttException> alsoCheck;

    SessionWatchdog(StreamRequest request, SessionClock clock, SessionConnection connection, StreamingSession session) {
        this.request = request;
        this.clock = clock;
        this.connection = connection;
        this.session = session;
    }

    /** Starts checking; {@link java.util.concurrent.RejectedExecutionException} when the timers are shut down. */
    void start(ScheduledExecutorService timers) {
        long period = Math.max(5, Math.min(250, Math.min(request.responseTimeout(), request.connectTimeout()) / 4));
        task = timers.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Adds a bound: a non-null answer fails the session. */
    void alsoCheck(Supplier<ProsaSttException> check) {
        alsoCheck = check;
    }

    void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void check() {
        try {
            SessionClock.Verdict verdict = clock.check(request, session.sentBytes(), connection.tcpConnected());
            if (verdict == null) {
                Supplier<ProsaSttException> extra = alsoCheck;
                ProsaSttException e = extra == null ? null : extra.get();
                if (e != null) {
                    session.fail(e);
                }
                return;
            }
            if (verdict.complete()) {
                session.complete();
            } else {
                session.fail(verdict.failure());
                connection.cancelConnect(); // after the failure, so the interrupted connect cannot report first
            }
        } catch (RuntimeException | Error e) {
            session.fail(new ProsaSttConnectionException("The session's watchdog failed (" + e.getClass().getSimpleName()
                                                         + ").", ProsaSttException.NO_CLOSE_CODE, null, e));
        }
    }
}
