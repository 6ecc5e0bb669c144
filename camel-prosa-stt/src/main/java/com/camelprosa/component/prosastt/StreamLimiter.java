package com.camelprosa.component.prosastt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} sessions at once; the others wait in order, without holding a thread, until a session ends or
 * their wait times out. Closing it ends every waiter at once, and nothing waits or starts afterwards.
 */
final class StreamLimiter {

    private final int max;
    private final ScheduledExecutorService timers;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int active;
    private boolean closed;

    /** A turn to start a session, or its refusal. */
    interface Turn {
        void start();

        /** Never started: timed out ({@code closed} false) or the limiter closed. */
        void refused(boolean closed);
    }

    private static final class Waiter {
        final Turn turn;
        final int sessions;
        ScheduledFuture<?> timeout;

        Waiter(Turn turn, int sessions) {
            this.turn = turn;
            this.sessions = sessions;
        }
    }

    StreamLimiter(int max, ScheduledExecutorService timers) {
        this.max = max;
        this.timers = timers;
    }

    /** The most sessions at once. */
    int max() {
        return max;
    }

    /** Starts now if a session is free, else when one frees up; refuses past the wait or once closed. */
    void run(Turn turn, long timeoutMillis) {
        run(turn, timeoutMillis, 1);
    }

    /**
     * Starts when {@code sessions} sessions (at most {@link #max()}) are free at once, in the order of asking; refuses
     * past the wait or once closed. Release each with {@link #release()}.
     */
    void run(Turn turn, long timeoutMillis, int sessions) {
        boolean now = false;
        boolean refuse = false;
        synchronized (this) {
            if (closed) {
                refuse = true;
            } else if (waiting.isEmpty() && active + sessions <= max) {
                active += sessions;
                now = true;
            } else {
                Waiter w = new Waiter(turn, sessions);
                try {
                    w.timeout = timers.schedule(() -> timedOut(w), timeoutMillis, TimeUnit.MILLISECONDS);
                    waiting.add(w);
                } catch (RuntimeException e) { // the component's timer is shut down: stopping
                    refuse = true;
                }
            }
        }
        if (refuse) {
            turn.refused(true);
        } else if (now) {
            turn.start();
        }
    }

    private void timedOut(Waiter w) {
        boolean stillWaiting;
        synchronized (this) {
            stillWaiting = waiting.remove(w);
        }
        if (stillWaiting) {
            w.turn.refused(false);
        }
    }

    /** A session ended: the longest waiters, as many as now fit, take its place. */
    void release() {
        List<Waiter> next = new ArrayList<>(1);
        synchronized (this) {
            active = Math.max(0, active - 1);
            while (!closed && !waiting.isEmpty() && active + waiting.peek().sessions <= max) {
                Waiter w = waiting.poll();
                active += w.sessions;
                next.add(w);
            }
        }
        for (Waiter w : next) {
            w.timeout.cancel(false);
            w.turn.start();
        }
    }

    /** Exchanges waiting for a session. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Refuses every waiter now and every later request. */
    void close() {
        List<Waiter> refused;
        synchronized (this) {
            closed = true;
            refused = new ArrayList<>(waiting);
            waiting.clear();
        }
        refused.forEach(w -> {
            w.timeout.cancel(false);
            w.turn.refused(true);
        });
    }
}
