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
        ScheduledFuture<?> timeout;

        Waiter(Turn turn) {
            this.turn = turn;
        }
    }

    StreamLimiter(int max, ScheduledExecutorService timers) {
        this.max = max;
        this.timers = timers;
    }

    /** Starts now if a session is free, else when one frees up; refuses past the wait or once closed. */
    void run(Turn turn, long timeoutMillis) {
        boolean now = false;
        boolean refuse = false;
        synchronized (this) {
            if (closed) {
                refuse = true;
            } else if (active < max) {
                active++;
                now = true;
            } else {
                Waiter w = new Waiter(turn);
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

    /** A session ended: the longest waiter, if any, takes its place. */
    void release() {
        Waiter next;
        synchronized (this) {
            next = closed ? null : waiting.poll();
            if (next == null) {
                active = Math.max(0, active - 1);
            }
        }
        if (next != null) {
            next.timeout.cancel(false);
            next.turn.start();
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
