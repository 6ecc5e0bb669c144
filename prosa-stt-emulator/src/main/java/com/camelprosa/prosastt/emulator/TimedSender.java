package com.camelprosa.prosastt.emulator;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The realtime mode's outbox of one session: each step runs not before its due time and never before an earlier one
 * (one queue, in order), on the emulator's timer thread.
 */
final class TimedSender {

    /** A step that writes to the socket. */
    interface Step {
        void run() throws IOException;
    }

    private record Timed(long due, Step step) {
    }

    private final ArrayDeque<Timed> queue = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier open;
    private final Consumer<IOException> onError;
    private long lastDue;

    TimedSender(ScheduledExecutorService scheduler, BooleanSupplier open, Consumer<IOException> onError) {
        this.scheduler = scheduler;
        this.open = open;
        this.onError = onError;
    }

    /** The due time of the last step queued (0 when none): a later step is never due before it. */
    long lastDue() {
        synchronized (queue) {
            return lastDue;
        }
    }

    void at(long dueNanos, Step step) {
        long due;
        synchronized (queue) {
            due = Math.max(lastDue, dueNanos);
            lastDue = due;
            queue.add(new Timed(due, step));
        }
        scheduler.schedule(this::runDue, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Runs the queued steps that are due, oldest first; a timer firing a hair early leaves its step to the next. */
    private void runDue() {
        synchronized (queue) {
            while (!queue.isEmpty() && queue.peek().due() <= System.nanoTime() + 1_000_000) {
                Timed t = queue.poll();
                try {
                    if (open.getAsBoolean()) {
                        t.step().run();
                    }
                } catch (IOException e) {
                    onError.accept(e);
                }
            }
        }
    }
}
