package com.camelprosa.component.prosastt;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.RawServer;
import com.camelprosa.component.prosastt.support.Resources;
import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.ProsaSttProtocolException;
import com.camelprosa.prosastt.client.ProsaSttQuotaExceededException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.client.ProsaSttUnknownModelException;
import com.camelprosa.prosastt.client.TranscriptEvent;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Attacks continueOnIoThread=true: routes that block on the websocket I/O thread, emulator faults, and a route that
 * re-enters the component synchronously from the I/O thread. Every exchange must end exactly once, within a bound,
 * typed where it fails, failures handled on the callback pool, and nothing left behind.
 */
class IoThreadContinuationAttackTest extends EmulatorTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(IoThreadContinuationAttackTest.class);

    private static final String IO = "prosa-stt-shared-io";
    private static final String CALLBACK = "ProsaSttCallback";
    private static final String SENT_AT = "attackSentAt";
    private static final String CASE = "attackCase";
    private static final String TARGET = "attackUri";
    private static final String TEXT = String.join(" ", WORDS);
    /** Tyrus' shared I/O pool as GrizzlyTransport sizes it; scenario 1's 8 sessions block them all up to 8. */
    private static final int IO_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private static final int BLOCKED = Math.min(8, IO_THREADS);

    /** Per exchange id: how often it ended, where, how, and how long after it was sent. */
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    // scenario 1
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger blockedNow = new AtomicInteger();
    private final AtomicInteger eventsSeen = new AtomicInteger();
    private final Set<String> eventThreads = ConcurrentHashMap.newKeySet();
    // scenario 2
    private final CountDownLatch never = new CountDownLatch(1);
    private final List<String> fastEventThreads = new CopyOnWriteArrayList<>();
    // scenario 3
    private final List<String> outerThreads = new CopyOnWriteArrayList<>();

    static final class Outcome {
        final AtomicInteger ends = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile Throwable error;
        volatile long millis;
        volatile String name;

        @Override
        public String toString() {
            return name + ": ends=" + ends + " threads=" + threads + " after " + millis + " ms, "
                   + (error == null ? "success" : error.getClass().getSimpleName() + ": " + error.getMessage());
        }
    }

    private void ended(Exchange e, Throwable error) {
        Outcome o = outcomes.computeIfAbsent(e.getExchangeId(), k -> new Outcome());
        o.ends.incrementAndGet();
        o.threads.add(Thread.currentThread().getName());
        o.error = error;
        o.name = e.getMessage().getHeader(CASE, String.class);
        Long sentAt = e.getMessage().getHeader(SENT_AT, Long.class);
        o.millis = sentAt == null ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // ---- scenario 1: an event route that blocks every event on the I/O thread
                from("direct:blocking-events").process(e -> {
                    eventThreads.add(Thread.currentThread().getName());
                    eventsSeen.incrementAndGet();
                    blockedNow.incrementAndGet();
                    try {
                        gate.await(5, TimeUnit.SECONDS);
                    } finally {
                        blockedNow.decrementAndGet();
                    }
                });
                from("direct:s1")
                        .doTry()
                            .to(uri("general", "continueOnIoThread=true&eventUri=direct:blocking-events"))
                            .process(e -> ended(e, null))
                        .doCatch(Exception.class)
                            .process(e -> ended(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end();

                // ---- scenario 2: faults
                from("direct:fast-events").process(e -> fastEventThreads.add(Thread.currentThread().getName()));
                from("direct:failing-events").process(e -> {
                    if (e.getMessage().getBody(TranscriptEvent.class).type() == TranscriptEvent.Type.RESULT) {
                        throw new IllegalStateException("event route broke on a RESULT");
                    }
                });
                from("direct:slow-events").process(e -> {
                    if (e.getMessage().getBody(TranscriptEvent.class).type() == TranscriptEvent.Type.RESULT) {
                        never.await(2500, TimeUnit.MILLISECONDS); // a slow step, on the I/O thread
                    }
                });
                from("direct:s2")
                        .doTry()
                            .toD("${header." + TARGET + "}")
                            .process(e -> ended(e, null))
                        .doCatch(Exception.class)
                            .process(e -> ended(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end();

                // ---- scenario 3: re-entering the component synchronously from the I/O thread
                from("direct:s3")
                        .doTry()
                            .to(uri("general", "continueOnIoThread=true&responseTimeout=6000&connectTimeout=6000"))
                            .process(e -> {
                                outerThreads.add(Thread.currentThread().getName());
                                String inner = template.requestBodyAndHeader(uri("general",
                                        "continueOnIoThread=true&responseTimeout=4000&connectTimeout=4000&chunkSize=8000"),
                                        THREE_WORDS_WAV, ProsaSttConstants.LABEL, LABEL, String.class);
                                e.getMessage().setHeader("inner", inner);
                            })
                            .process(e -> ended(e, null))
                        .doCatch(Exception.class)
                            .process(e -> ended(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end();
            }
        };
    }

    private CompletableFuture<Exchange> sendAsync(String route, String name, String label, String target) {
        return template.asyncSend(route, e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, label);
            e.getMessage().setHeader(CASE, name);
            if (target != null) {
                e.getMessage().setHeader(TARGET, target);
            }
            e.getMessage().setHeader(SENT_AT, System.nanoTime());
        });
    }

    private int warmUpAndCountThreads() {
        Exchange out = send(uri("general", null), THREE_WORDS_WAV);
        assertNull(out.getException());
        return Resources.componentThreads().size();
    }

    /** Each exchange ended exactly once, and still has after a quiet moment (a late second completion). */
    private void assertEachEndedOnce(List<Exchange> exchanges) {
        await().pollDelay(Duration.ZERO).during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> exchanges.stream().allMatch(x -> {
                    Outcome o = outcomes.get(x.getExchangeId());
                    return o != null && o.ends.get() == 1;
                }));
        assertEquals(exchanges.size(), outcomes.size(), outcomes.toString());
    }

    /** The exchanges once every one ended, failing the test if that takes longer than {@code bound} from now. */
    private static List<Exchange> endedWithin(Duration bound, List<CompletableFuture<Exchange>> sent, String what) {
        await(what).atMost(bound).until(() -> sent.stream().allMatch(CompletableFuture::isDone));
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private void assertBackToBaseline(int threadsBefore) {
        ProsaSttComponent component = context.getComponent("prosa-stt", ProsaSttComponent.class);
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertEquals(0, component.getClient().openSessions(), "client sessions");
                    assertEquals(0, emulator.openSessions(), "emulator sessions");
                    List<String> now = Resources.componentThreads();
                    assertTrue(now.size() <= threadsBefore + 2, "threads " + threadsBefore + " -> " + now);
                    assertTrue(now.stream().filter(n -> n.startsWith(IO)).count() <= IO_THREADS, now.toString());
                });
        LOG.info("Back to baseline ({} component threads before) {} ms after the last exchange: {}", threadsBefore,
                (System.nanoTime() - start) / 1_000_000, Resources.componentThreads());
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void blockingEventRouteOnTheIoThreadStallsOthersButEveryExchangeCompletesOnceReleased() throws Exception {
        int threadsBefore = warmUpAndCountThreads();
        long start = System.nanoTime();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(sendAsync("direct:s1", "blocking-" + i, LABEL, null).orTimeout(20, TimeUnit.SECONDS));
        }
        // All four I/O threads end up parked in the event route; nothing else is read meanwhile.
        await().atMost(Duration.ofSeconds(4)).until(() -> blockedNow.get() == BLOCKED);
        long allBlocked = System.nanoTime();
        await().pollDelay(Duration.ZERO).during(Duration.ofMillis(800)).atMost(Duration.ofMillis(1500))
                .until(() -> eventsSeen.get() == BLOCKED && outcomes.isEmpty());
        assertEquals(BLOCKED, eventThreads.size(), eventThreads.toString());
        eventThreads.forEach(t -> assertTrue(t.startsWith(IO), eventThreads.toString()));

        long released = System.nanoTime();
        gate.countDown();
        List<Exchange> outs = endedWithin(Duration.ofSeconds(10), sent,
                "every exchange ends within 10 s of the release, and within 20 s of its sending");
        long done = System.nanoTime();
        LOG.info("Scenario 1: {} I/O threads blocked {} ms after sending; held {} ms; all 8 exchanges done {} ms after"
                 + " the release ({} ms in total); event threads {}", BLOCKED, (allBlocked - start) / 1_000_000,
                (released - allBlocked) / 1_000_000, (done - released) / 1_000_000, (done - start) / 1_000_000,
                eventThreads);

        assertEachEndedOnce(outs);
        for (Exchange out : outs) {
            Outcome o = outcomes.get(out.getExchangeId());
            assertNull(o.error, o.toString());
            assertEquals(TEXT, out.getMessage().getBody(String.class), o.toString());
        }
        assertEquals(8 * 4, eventsSeen.get(), "three results and END per session");
        assertBackToBaseline(threadsBefore);
    }

    /** One fault case: what to send where, and how it must end. */
    private record Case(String name, String label, String target, Class<? extends Throwable> expected, long bound) {
    }

    @Test
    void faultsUnderContinueOnIoThreadFailOnceTypedInBoundOnTheCallbackPool() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RawServer silent = RawServer.start(RawServer.Mode.SILENT);
             RawServer closing = RawServer.start(RawServer.Mode.CLOSE_AT_ONCE)) {
            int threadsBefore = warmUpAndCountThreads();
            long response = 1500;
            long connect = 1500;
            long slack = 3000;
            String opts = "continueOnIoThread=true&eventUri=direct:fast-events&responseTimeout=" + response
                          + "&connectTimeout=" + connect + "&finalizeTimeout=3000";
            String ok = uri("general", opts);
            List<Case> cases = new ArrayList<>();
            Map<String, Class<? extends Throwable>> faults = new LinkedHashMap<>();
            faults.put("close:4000", ProsaSttAuthenticationException.class);
            faults.put("close:4001", ProsaSttInvalidConfigurationException.class);
            faults.put("close:4029", ProsaSttRateLimitedException.class);
            faults.put("close:1011", ProsaSttConnectionException.class);
            faults.put("quota", ProsaSttQuotaExceededException.class);
            faults.put("stall", ProsaSttTimeoutException.class);
            faults.put("stall-after-end", ProsaSttTimeoutException.class);
            faults.put("drop", ProsaSttConnectionException.class);
            faults.put("binary", ProsaSttProtocolException.class);
            faults.put("truncate", ProsaSttConnectionException.class);
            faults.put("close-after-end", ProsaSttConnectionException.class);
            faults.put("no-confirm", ProsaSttConnectionException.class);
            faults.put("complete-early", ProsaSttConnectionException.class);
            faults.put("keepalive:50", ProsaSttTimeoutException.class);
            faults.put("garbage", null);
            faults.put("late:300", null);
            faults.put("drop-after-complete", null);
            faults.put("result-after-complete", null);
            for (Map.Entry<String, Class<? extends Throwable>> f : faults.entrySet()) {
                cases.add(new Case(f.getKey(), LABEL + " [fault=" + f.getKey() + "]", ok, f.getValue(),
                        f.getValue() == null ? 10_000 : response + slack));
            }
            cases.add(new Case("huge", LABEL + " [fault=huge:20000]", uri("general", opts + "&maxMessageSize=4000"),
                    ProsaSttProtocolException.class, response + slack));
            cases.add(new Case("wrong key", LABEL, ok.replace(API_KEY, "a-wrong-key"),
                    ProsaSttAuthenticationException.class, connect + slack));
            cases.add(new Case("unknown model", LABEL, uri("klingon", opts), ProsaSttUnknownModelException.class,
                    connect + slack));
            cases.add(new Case("refused", LABEL, ok.replace(emulator.url(), "ws://127.0.0.1:" + closedPort + "/v2/speech/stt"),
                    ProsaSttConnectionException.class, connect + slack));
            cases.add(new Case("silent upgrade", LABEL, ok.replace(emulator.url(), silent.url()),
                    ProsaSttTimeoutException.class, connect + slack));
            cases.add(new Case("closed at once", LABEL, ok.replace(emulator.url(), closing.url()),
                    ProsaSttConnectionException.class, connect + slack));
            // The event route's own exception is what the exchange fails with (README): not a ProsaSttException.
            cases.add(new Case("event route fails", LABEL, uri("general", opts.replace("fast-events", "failing-events")),
                    IllegalStateException.class, response + slack));
            // An event step that holds the I/O thread past responseTimeout: the session times out meanwhile, and
            // the exchange ends once that step returns (2.5 s), on the callback pool.
            cases.add(new Case("event route slower than responseTimeout", LABEL,
                    uri("general", opts.replace("fast-events", "slow-events").replace("responseTimeout=" + response,
                            "responseTimeout=800")),
                    ProsaSttTimeoutException.class, 2500 + slack));

            Map<String, Case> byExchange = new ConcurrentHashMap<>();
            List<CompletableFuture<Exchange>> sent = new ArrayList<>();
            for (Case c : cases) {
                // the case's bound, from its sending
                sent.add(sendAsync("direct:s2", c.name(), c.label(), c.target())
                        .orTimeout(c.bound(), TimeUnit.MILLISECONDS));
            }
            List<Exchange> outs = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                Case c = cases.get(i);
                Exchange out;
                try {
                    out = sent.get(i).join();
                } catch (CompletionException e) {
                    fail("case '" + c.name() + "' did not end within its bound of " + c.bound() + " ms; "
                         + outcomes, e);
                    return;
                }
                outs.add(out);
                byExchange.put(out.getExchangeId(), c);
            }
            assertEachEndedOnce(outs);

            List<String> problems = new ArrayList<>();
            for (Exchange out : outs) {
                Case c = byExchange.get(out.getExchangeId());
                Outcome o = outcomes.get(out.getExchangeId());
                LOG.info("Scenario 2: {}", o);
                String thread = o.threads.get(0);
                if (c.expected() == null) {
                    if (o.error != null) {
                        problems.add(c.name() + ": expected success, got " + o.error);
                    } else if (!TEXT.equals(out.getMessage().getBody(String.class))
                               && !c.name().equals("garbage") && !c.name().startsWith("late")
                               && !c.name().contains("complete")) {
                        problems.add(c.name() + ": body " + out.getMessage().getBody(String.class));
                    }
                    continue;
                }
                if (o.error == null) {
                    problems.add(c.name() + ": expected " + c.expected().getSimpleName() + ", got success "
                                 + out.getMessage().getBody());
                    continue;
                }
                if (!c.expected().isInstance(o.error)) {
                    problems.add(c.name() + ": expected " + c.expected().getSimpleName() + ", got " + o.error);
                }
                if (c.expected() != IllegalStateException.class && !(o.error instanceof ProsaSttException)) {
                    problems.add(c.name() + ": untyped " + o.error);
                }
                if (!thread.contains(CALLBACK)) {
                    problems.add(c.name() + ": failure handled on " + thread + ", not a " + CALLBACK + " thread");
                }
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            assertTrue(fastEventThreads.stream().allMatch(t -> t.startsWith(IO) || t.contains(CALLBACK)),
                    fastEventThreads.toString());
            assertBackToBaseline(threadsBefore);
        }
    }

    @Test
    void aRouteThatCallsTheComponentSynchronouslyFromTheIoThreadCompletes() throws Exception {
        int threadsBefore = warmUpAndCountThreads();
        Exchange out = endedWithin(Duration.ofSeconds(10), List.of(sendAsync("direct:s3", "reentrant", LABEL, null)),
                "the re-entrant exchange ends within 10 s").get(0);
        assertEachEndedOnce(List.of(out));
        Outcome o = outcomes.get(out.getExchangeId());
        LOG.info("Scenario 3 (one exchange): outer continued on {}; {}", outerThreads, o);
        assertNull(o.error, o.toString());
        assertEquals(TEXT, out.getMessage().getHeader("inner"));
        assertEquals(TEXT, out.getMessage().getBody(String.class));
        assertTrue(outerThreads.get(0).startsWith(IO), outerThreads.toString());
        assertBackToBaseline(threadsBefore);
    }

    /**
     * Twice as many re-entrant exchanges at once as there are I/O threads: each I/O thread that continues an outer
     * exchange waits for an inner session that needs an I/O thread to be read. With all four parked, nobody reads the
     * inner sessions' upgrade answers: they are starved until the inner connectTimeout (a documented hazard of
     * continueOnIoThread: "a step that waits there holds up other sessions' reading"). Asserted here: no hang, each
     * exchange ends once within two waves of the inner connectTimeout, every failure a typed timeout at its root.
     */
    @Test
    void reentrantCallsFromEveryIoThreadAtOnceStarveButEndOnceBoundedAndTyped() throws Exception {
        int threadsBefore = warmUpAndCountThreads();
        int sessionsBefore = emulator.sessions().size();
        long start = System.nanoTime();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(sendAsync("direct:s3", "reentrant-" + i, LABEL, null));
        }
        List<Exchange> outs = endedWithin(Duration.ofMillis(2 * 4000 + 4000), sent,
                "every exchange ends within two waves of the inner connectTimeout");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEachEndedOnce(outs);
        Set<String> summary = new TreeSet<>();
        int failures = 0;
        for (Exchange out : outs) {
            Outcome o = outcomes.get(out.getExchangeId());
            LOG.info("Scenario 3 (8 at once): {}", o);
            if (o.error != null) {
                failures++;
                Throwable root = o.error;
                while (root.getCause() != null && !(root instanceof ProsaSttException)) {
                    root = root.getCause();
                }
                assertTrue(root instanceof ProsaSttTimeoutException, "untyped or unexpected: " + o.error);
                summary.add(root.getClass().getSimpleName() + ": " + root.getMessage());
            } else {
                assertEquals(TEXT, out.getMessage().getHeader("inner"));
            }
        }
        // Sessions the emulator upgraded but whose client never sent its configuration: the upgrade was answered,
        // only nobody on the client read the answer.
        long upgradedButUnread = emulator.sessions().subList(sessionsBefore, emulator.sessions().size()).stream()
                .filter(r -> r.configuration() == null).count();
        LOG.info("Scenario 3 (8 at once): {} ms, {} of 8 failed {}; {} inner sessions were upgraded by the emulator but"
                 + " never configured by the client; outer threads {}", millis, failures, summary, upgradedButUnread,
                outerThreads);
        assertBackToBaseline(threadsBefore);
    }
}
