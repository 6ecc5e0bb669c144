package com.camelprosa.component.prosastt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} sessions at once; the others wait in order, without holding a thread, until a session ends or
 * their wait times out.
 */
final class StreamLimiter {

    private final int max;
    private final ScheduledExecutorService timers;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int active;

    private static final class Waiter {
        final Runnable start;
        ScheduledFuture<?> timeout;

        Waiter(Runnable start) {
            this.start = start;
        }
    }

    StreamLimiter(int max, ScheduledExecutorService timers) {
        this.max = max;
        this.timers = timers;
    }

    /** Runs {@code start} now if a session is free, else when one frees up; runs {@code onTimeout} instead past the wait. */
    void run(Runnable start, Runnable onTimeout, long timeoutMillis) {
        Waiter waiter = new Waiter(start);
        synchronized (this) {
            if (active < max) {
                active++;
                waiter = null;
            } else {
                Waiter w = waiter;
                w.timeout = timers.schedule(() -> {
                    boolean stillWaiting;
                    synchronized (this) {
                        stillWaiting = waiting.remove(w);
                    }
                    if (stillWaiting) {
                        onTimeout.run();
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
                waiting.add(w);
            }
        }
        if (waiter == null) {
            start.run();
        }
    }

    /** A session ended: the longest waiter, if any, takes its place. */
    void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                active--;
            }
        }
        if (next != null) {
            next.timeout.cancel(false);
            next.start.run();
        }
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
