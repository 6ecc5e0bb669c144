package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** maxConcurrentStreams: who starts, who waits, in which order, and who is refused. */
class StreamLimiterTest {

    private static final long LONG_WAIT = 3_600_000;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    /** What happened to each turn, in order: "a started", "b timed out", "c refused (closed)". */
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void upToMaxStartAtOnceAndTheOthersStartInOrderAsSessionsEnd() {
        StreamLimiter limiter = new StreamLimiter(2, timers);
        limiter.run(turn("a"), LONG_WAIT);
        limiter.run(turn("b"), LONG_WAIT);
        limiter.run(turn("c"), LONG_WAIT);
        limiter.run(turn("d"), LONG_WAIT);
        assertEquals(List.of("a started", "b started"), events);
        assertEquals(2, limiter.waiting());

        limiter.release();
        assertEquals(List.of("a started", "b started", "c started"), events);
        limiter.release();
        limiter.release();
        assertEquals(List.of("a started", "b started", "c started", "d started"), events);
        assertEquals(0, limiter.waiting());
    }

    @Test
    void aLaterRequestDoesNotOvertakeOneWaitingForSeveralSessions() {
        StreamLimiter limiter = new StreamLimiter(2, timers);
        limiter.run(turn("a"), LONG_WAIT);
        limiter.run(turn("stereo"), LONG_WAIT, 2);
        limiter.run(turn("b"), LONG_WAIT);
        assertEquals(List.of("a started"), events, "b waits behind the stereo call though one session is free");

        limiter.release();
        assertEquals(List.of("a started", "stereo started"), events, "the stereo call holds both sessions");
        limiter.release();
        assertEquals(List.of("a started", "stereo started", "b started"), events, "one of its channels ended");
    }

    @Test
    void aWaiterIsRefusedOnceItsWaitIsOverAndLosesItsPlace() {
        StreamLimiter limiter = new StreamLimiter(1, timers);
        limiter.run(turn("a"), LONG_WAIT);
        limiter.run(turn("b"), 50);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("b timed out"));
        assertEquals(0, limiter.waiting());
        limiter.release();
        assertEquals(List.of("a started", "b timed out"), events, "a refused turn never starts");
    }

    @Test
    void closingRefusesEveryWaiterAndEveryLaterRequest() {
        StreamLimiter limiter = new StreamLimiter(1, timers);
        limiter.run(turn("a"), LONG_WAIT);
        limiter.run(turn("b"), LONG_WAIT);

        limiter.close();
        limiter.run(turn("c"), LONG_WAIT);
        limiter.release();

        assertEquals(List.of("a started", "b refused (closed)", "c refused (closed)"), events);
    }

    @Test
    void aStoppedTimerRefusesInsteadOfLeavingTheRequestWaitingForever() {
        StreamLimiter limiter = new StreamLimiter(1, timers);
        limiter.run(turn("a"), LONG_WAIT);
        timers.shutdownNow();

        limiter.run(turn("b"), LONG_WAIT);

        assertEquals(List.of("a started", "b refused (closed)"), events);
        assertEquals(0, limiter.waiting());
    }

    private StreamLimiter.Turn turn(String name) {
        return new StreamLimiter.Turn() {
            @Override
            public void start() {
                events.add(name + " started");
            }

            @Override
            public void refused(boolean closed) {
                events.add(name + (closed ? " refused (closed)" : " timed out"));
            }
        };
    }
}
