package com.camelprosa.component.prosastt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Totals of the exchanges sent to one component's endpoints, by outcome ({@code completed}, or the simple name of the
 * exception, e.g. {@code ProsaSttAuthenticationException}), and how many are in flight. The producer counts each
 * exchange where it starts and where it completes; shown by the {@code prosa-stt} dev console.
 */
final class ProsaSttStatistics {

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder sending = new LongAdder();
    private final LongAdder sent = new LongAdder();

    /** An exchange reached the producer. */
    void started() {
        sending.increment();
    }

    /** An exchange completed, with {@code failure} or null; once per {@link #started()}. */
    void ended(Throwable failure) {
        sent.increment();
        outcomes.computeIfAbsent(failure == null ? "completed" : failure.getClass().getSimpleName(),
                k -> new LongAdder()).increment();
    }

    /** Outcome → count, sorted by outcome. */
    Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    long total() {
        return sent.sum();
    }

    /** Exchanges handed to the producer and not yet done (sessions running or waiting for one). */
    long inFlight() {
        return Math.max(0, sending.sum() - sent.sum());
    }
}
