package com.camelprosa.component.prosastt;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.LongAudioAttackRecorder;
import com.camelprosa.component.prosastt.support.Resources;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import com.camelprosa.prosastt.client.ProsaSttMaxDurationException;
import com.camelprosa.prosastt.client.ProsaSttQuotaExceededException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.client.Segment;
import com.camelprosa.prosastt.client.Transcript;
import com.camelprosa.prosastt.client.TranscriptParts;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Attacks long audio: rollover of files, rollover of a live stream, and splitChannels, against servers that fail a
 * part or a channel in every way the emulator can, and live recorders that stall, break, or end at the worst moment.
 * For every case: the exchange ends exactly once, within a bound given by the configured timeouts, with a typed
 * {@link ProsaSttException} whose message names the part or channel; afterwards the client's and the server's open
 * sessions are back to zero, no component thread is left working (every thread that is new since the case began is
 * an idle pool thread), and the live stream (or the file) given as body is closed.
 */
class LongAudioAttackTest extends EmulatorTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LongAudioAttackTest.class);

    /** responseTimeout of the attacked endpoints. */
    static final long RT = 1500;
    /** Room past a configured bound for the watchdog's period, the failure's hand-off and a loaded machine. */
    static final long SLACK = 2500;
    /** 16 kHz 16-bit mono. */
    static final int BPS = 32000;
    /** 29.3 s: 16 bursts of 0.8 s, 1 s apart; with maxSessionDuration=8s four parts. */
    static final byte[] LONG_WAV = LongAudioTest.LONG_WAV;
    static final String PART_OF_4 = "(?s)In part %d of 4 \\([0-9.]+ s to [0-9.]+ s of the audio\\): .*";
    static final String LIVE_PART = "(?s)In part %s \\(from [0-9.]+ s of the live audio\\): .*";

    private static final String TARGET = "attackUri";
    private static final String READ = "attackRead";
    private static final String SENT_AT = "attackSentAt";

    @TempDir
    static Path dir;
    static Path longFile;

    /** Per exchange id: how often it ended, how, and how long after it was sent. */
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final List<TranscriptStream> streamsRead = new CopyOnWriteArrayList<>();
    private Set<String> threadsBefore;

    static final class Outcome {
        final AtomicInteger ends = new AtomicInteger();
        volatile Throwable error;
        volatile long millis;

        @Override
        public String toString() {
            return "ends=" + ends + " after " + millis + " ms: " + (error == null ? "success"
                    : error.getClass().getSimpleName() + ": " + error.getMessage());
        }
    }

    @BeforeAll
    static void writeFiles() throws IOException {
        longFile = Files.write(dir.resolve("long-call.wav"), LONG_WAV);
    }

    /** One exchange first, so the component's pools and Tyrus' I/O threads exist: the threads to come back to. */
    @BeforeEach
    void rememberThreads() {
        Exchange warm = send(uri("general", null), THREE_WORDS_WAV);
        assertNull(warm.getException());
        threadsBefore = new HashSet<>(Resources.componentThreads());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // no stream caching: it would read a live body to its end (or forever) before the producer sees it
                from("direct:attack").streamCache("false")
                        .doTry()
                            .toD("${header." + TARGET + "}")
                            .process(e -> readSome(e))
                            .process(e -> ended(e, null))
                        .doCatch(Exception.class)
                            .process(e -> ended(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end();
            }
        };
    }

    /** A route that reads a few events of a transcript stream and then stops reading (completes). */
    private void readSome(Exchange e) {
        Integer n = e.getMessage().getHeader(READ, Integer.class);
        if (n != null && e.getMessage().getBody() instanceof TranscriptStream s) {
            for (int i = 0; i < n; i++) {
                s.next();
            }
            streamsRead.add(s);
        }
    }

    private void ended(Exchange e, Throwable error) {
        Outcome o = outcomes.computeIfAbsent(e.getExchangeId(), k -> new Outcome());
        o.ends.incrementAndGet();
        o.error = error;
        Long sentAt = e.getMessage().getHeader(SENT_AT, Long.class);
        o.millis = sentAt == null ? -1 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
    }

    // ---- sending and judging

    private CompletableFuture<Exchange> sendAsync(String uri, Object body, Integer read) {
        return template.asyncSend("direct:attack", e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
            e.getMessage().setHeader(TARGET, uri);
            if (read != null) {
                e.getMessage().setHeader(READ, read);
            }
            e.getMessage().setHeader(SENT_AT, System.nanoTime());
        });
    }

    /** Sends one exchange and returns it once it ended; fails on a hang, a second end or an end past the bound. */
    private Outcome attack(String name, String uri, Object body, long boundMillis) throws Exception {
        return attackAll(name, List.of(sendAsync(uri, body, null)), boundMillis).get(0);
    }

    private List<Outcome> attackAll(String name, List<CompletableFuture<Exchange>> sent, long boundMillis) {
        try {
            await().atMost(Duration.ofMillis(boundMillis))
                    .until(() -> sent.stream().allMatch(CompletableFuture::isDone));
        } catch (ConditionTimeoutException e) {
            fail(name + " did not end within the bound of " + boundMillis + " ms; " + outcomes);
        }
        List<Exchange> outs = sent.stream().map(CompletableFuture::join).toList();
        // exactly once, and still once a moment later (a late second completion)
        await().pollDelay(Duration.ZERO).during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> outs.stream().allMatch(x -> {
                    Outcome o = outcomes.get(x.getExchangeId());
                    return o != null && o.ends.get() == 1;
                }));
        List<Outcome> result = new ArrayList<>();
        for (Exchange x : outs) {
            Outcome o = outcomes.get(x.getExchangeId());
            LOG.info("{}: {}", name, o);
            result.add(o);
        }
        return result;
    }

    /** Reads a transcript stream to its end: the failure it ends with, or null. */
    private static ProsaSttException readToFailure(TranscriptStream stream) {
        try {
            while (stream.hasNext()) {
                stream.next();
            }
            return null;
        } catch (ProsaSttException e) {
            return e;
        }
    }

    private static <T extends ProsaSttException> T failed(Outcome o, Class<T> type, String messageRegex) {
        T e = assertInstanceOf(type, o.error, () -> "expected " + type.getSimpleName() + ", got " + o);
        assertTrue(e.getMessage().matches(messageRegex), "the message does not name the part or channel ("
                                                         + messageRegex + "): " + e.getMessage());
        return e;
    }

    private ProsaSttComponent component() {
        return context.getComponent("prosa-stt", ProsaSttComponent.class);
    }

    /**
     * The client's and the servers' sessions at zero, no thread anywhere still in this component's code or in a
     * recorder's read, and every component thread that is new since the case began an idle pool thread.
     */
    private void assertBackToBaseline(ProsaSttEmulator... servers) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertEquals(0, component().getClient().openSessions(), "client sessions");
            for (ProsaSttEmulator s : servers) {
                assertEquals(0, s.openSessions(), "emulator sessions at " + s.url());
            }
            List<String> busy = Resources.busyThreads(LongAudioAttackRecorder.class.getName());
            assertTrue(busy.isEmpty(), "threads still working: " + busy);
            List<String> fresh = new ArrayList<>(Resources.componentThreads());
            fresh.removeAll(threadsBefore);
            List<String> freshBusy = fresh.stream().filter(n -> !idle(n)).toList();
            assertTrue(freshBusy.isEmpty(), "new component threads not idle: " + freshBusy);
        });
        List<String> now = Resources.componentThreads();
        LOG.info("Back to baseline {} ms after the end; component threads {} -> {} (new ones idle in their pools)",
                (System.nanoTime() - start) / 1_000_000, threadsBefore.size(), now.size());
    }

    private static boolean idle(String name) {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().equals(name)) {
                for (StackTraceElement f : e.getValue()) {
                    if (f.getClassName().startsWith("com.camelprosa.")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Descriptors of this process open on {@code file}. */
    private static long openDescriptorsOn(Path file) throws IOException {
        Path real = file.toRealPath();
        File[] fds = new File("/proc/self/fd").listFiles();
        long n = 0;
        for (File fd : fds == null ? new File[0] : fds) {
            try {
                if (Files.readSymbolicLink(fd.toPath()).equals(real)) {
                    n++;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // gone meanwhile, or not a link
            }
        }
        return n;
    }

    private static ProsaSttEmulator server() throws IOException {
        return ProsaSttEmulator.builder().apiKey(API_KEY).transcripts(TranscriptScript.of(LABEL, WORDS)).build().start();
    }

    private static String on(ProsaSttEmulator server, String extra) {
        return uri("general", extra).replace(emulator.url(), server.url());
    }

    /** A tone without a single quiet 20 ms: the live cut can only fall at the limit. */
    static byte[] tone(double seconds) {
        return SyntheticAudio.wav(16000, 0, 0, seconds);
    }

    // =============================================================================================================
    // 1. Rollover of a file: each fault in part 2 or 3

    static Stream<Arguments> partFaults() {
        return Stream.of(
                Arguments.of("stall", 2, ProsaSttTimeoutException.class, true),
                Arguments.of("stall-after-end", 3, ProsaSttTimeoutException.class, true),
                Arguments.of("keepalive:50", 2, ProsaSttTimeoutException.class, true),
                Arguments.of("drop", 3, ProsaSttConnectionException.class, true),
                Arguments.of("quota", 2, ProsaSttQuotaExceededException.class, false),
                Arguments.of("close:4029", 3, ProsaSttRateLimitedException.class, true),
                Arguments.of("truncate", 2, ProsaSttConnectionException.class, true),
                Arguments.of("complete-early", 3, ProsaSttConnectionException.class, true),
                Arguments.of("max-duration:5", 2, ProsaSttMaxDurationException.class, false));
    }

    @ParameterizedTest(name = "{0} in part {1}")
    @MethodSource("partFaults")
    void aFaultInOnePartOfAFileFailsOnceNamingThePartAndStartsNoFurtherPart(String fault, int part,
                                                                           Class<? extends ProsaSttException> type,
                                                                           boolean retryable) throws Exception {
        try (ProsaSttEmulator server = server()) {
            server.failNext(part - 1, "noise"); // the parts before: harmless extras
            server.failNext(1, fault);
            String u = on(server, "maxSessionDuration=8s&responseTimeout=" + RT + "&finalizeTimeout=1000");
            CompletableFuture<Exchange> f = sendAsync(u, longFile.toFile(), null);

            Outcome o = attackAll(fault + " in part " + part, List.of(f), RT + SLACK).get(0);

            ProsaSttException e = failed(o, type, String.format(PART_OF_4, part));
            assertEquals(retryable, e.isRetryable(), e.getMessage());
            assertEquals(part, server.sessions().size(), "no part after the failed one was started");
            TranscriptParts confirmed = f.get().getProperty(ProsaSttProducer.PARTS_PROPERTY, TranscriptParts.class);
            assertEquals(part - 1, confirmed.confirmed(), "the parts before stay confirmed for a redelivery");
            assertBackToBaseline(server);
            assertEquals(0, openDescriptorsOn(longFile), "the audio file is closed");
        }
    }

    @ParameterizedTest
    @EnumSource(ProsaSttEmulator.MaxDurationMode.class)
    void aServerMaximumBelowThePartsFailsThePartNonRetryablyThenIsCutBelowIt(ProsaSttEmulator.MaxDurationMode mode)
            throws Exception {
        try (ProsaSttEmulator server = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(5).maxDurationMode(mode)
                .build().start()) {
            String u = on(server, "maxSessionDuration=8s&responseTimeout=" + RT + "&outputType=transcript");

            Outcome first = attack("server max 5 s < parts of 8 s, " + mode, u, longFile.toFile(), RT + SLACK);

            ProsaSttMaxDurationException e = failed(first, ProsaSttMaxDurationException.class,
                    String.format(PART_OF_4, 1));
            assertFalse(e.isRetryable());
            assertEquals(5.0, e.getMaxDuration());
            assertEquals(1, server.sessions().size());

            int before = server.sessions().size();
            Outcome second = attack("the same after learning 5 s, " + mode, u, longFile.toFile(), 3 * SLACK);
            assertNull(second.error, second.toString());
            List<SessionRecord> parts = server.sessions().subList(before, server.sessions().size());
            assertTrue(parts.size() >= 7, "29.3 s in parts of at most 4.85 s: " + parts.size());
            assertTrue(parts.stream().noneMatch(SessionRecord::maxReached));
            assertBackToBaseline(server);
            assertEquals(0, openDescriptorsOn(longFile));
        }
    }

    // =============================================================================================================
    // 2. Rollover of a live stream

    @ParameterizedTest(name = "stall at {0} s")
    @ValueSource(doubles = { 5.0, 7.5, 12.0 })
    void aLiveStreamThatStallsForeverMidPartFailsWithinResponseTimeoutAndIsClosed(double at) throws Exception {
        try (ProsaSttEmulator server = server()) {
            LongAudioAttackRecorder live = LongAudioAttackRecorder.fast(LONG_WAV, 44 + (int) (at * BPS),
                    LongAudioAttackRecorder.Then.STALL);

            Outcome o = attack("live stall at " + at + " s", on(server, "maxSessionDuration=8s&responseTimeout=" + RT),
                    live, RT + SLACK);

            // at 7.5 s the next part is connected ahead, waiting too: either may be the first to time out
            failed(o, ProsaSttTimeoutException.class, String.format(LIVE_PART, at < 7 ? "1" : at < 8 ? "[12]" : "2"));
            assertTrue(live.reachedStop());
            assertTrue(live.awaitClosed(SLACK), "the live stream was not closed");
            assertBackToBaseline(server);
        }
    }

    @ParameterizedTest(name = "IOException at {0} s")
    @ValueSource(doubles = { 5.0, 12.0 })
    void aLiveStreamThatThrowsMidPartFailsAtOnceNamingThePartAndIsClosed(double at) throws Exception {
        try (ProsaSttEmulator server = server()) {
            LongAudioAttackRecorder live = LongAudioAttackRecorder.fast(LONG_WAV, 44 + (int) (at * BPS),
                    LongAudioAttackRecorder.Then.FAIL);

            Outcome o = attack("live IOException at " + at + " s", on(server, "maxSessionDuration=8s&responseTimeout="
                                                                              + RT), live, SLACK);

            ProsaSttInvalidInputException e = failed(o, ProsaSttInvalidInputException.class,
                    String.format(LIVE_PART, at < 7 ? "1" : "2"));
            assertTrue(e.getMessage().contains("The recorder lost its line"), e.getMessage());
            assertTrue(live.awaitClosed(SLACK), "the live stream was not closed");
            assertBackToBaseline(server);
        }
    }

    /**
     * 7.98 s of tone: the live cut at the limit falls on its very last byte, so the part connected ahead, now current,
     * gets no audio at all. It must not become a part of its own: no samples sent, no end frame, not confirmed, not in
     * the result. (The server may have created a job when the session connected ahead; it ends empty.)
     */
    @Test
    void aLiveStreamThatEndsExactlyAtACutIsOnePartAndLeavesNothingOpen() throws Exception {
        try (ProsaSttEmulator server = server()) {
            byte[] wav = tone(7.98);
            assertEquals(255360, wav.length - 44, "the cut at the limit of 8 s: 399 blocks of 20 ms");
            LongAudioAttackRecorder live = LongAudioAttackRecorder.fast(wav);
            CompletableFuture<Exchange> f = sendAsync(on(server, "maxSessionDuration=8s&responseTimeout=" + RT), live,
                    null);

            Outcome o = attackAll("live ends exactly at the cut", List.of(f), SLACK).get(0);

            assertNull(o.error, o.toString());
            assertTrue(live.awaitClosed(SLACK));
            assertBackToBaseline(server);
            List<SessionRecord> sessions = server.sessions();
            LOG.info("Exact cut: sessions' audio bytes {}, job ids {}",
                    sessions.stream().map(SessionRecord::audioBytesReceived).toList(),
                    sessions.stream().map(SessionRecord::jobId).toList());
            assertEquals(wav.length, sessions.get(0).audioBytesReceived(), "the whole audio in part 1");
            assertEquals(1, f.get().getMessage().getHeader(ProsaSttConstants.PARTS), "one part");
            assertEquals(1, f.get().getMessage().getHeader(ProsaSttConstants.JOB_IDS, List.class).size());
            for (SessionRecord other : sessions.subList(1, sessions.size())) {
                assertTrue(other.audioBytesReceived() <= 44 && !other.endOfAudio(),
                        "the session connected ahead got no samples and no end: " + other.audioBytesReceived());
            }
        }
    }

    /**
     * The recording ends between the connect ahead of part 2 (at 6.25 s: 1 s ahead of a 0.75 s window before 8 s) and
     * the cut, 20 times, mostly just after that connect began: the pre-connected session is dropped, possibly in the
     * middle of its upgrade. It must leave nothing behind: no session, and no thread still connecting it; so a call
     * after them connects at once.
     */
    @Test
    void liveStreamsThatEndWithinTheConnectAheadWindowLeaveNoConnectBehind() throws Exception {
        try (ProsaSttEmulator server = server()) {
            String u = on(server, "maxSessionDuration=8s&responseTimeout=" + RT + "&outputType=transcript");
            double[] ends = { 6.27, 6.29, 6.31, 6.33, 7.0, 7.5 };
            for (int k = 0; k < 20; k++) {
                double seconds = ends[k % ends.length];
                LongAudioAttackRecorder live = LongAudioAttackRecorder.fast(tone(seconds));
                Outcome o = attack("live ends at " + seconds + " s, within the connect-ahead window", u, live, SLACK);
                assertNull(o.error, o.toString());
                assertTrue(live.awaitClosed(SLACK));
            }
            Outcome after = attack("a call after them", on(server, "connectTimeout=" + RT + "&responseTimeout=" + RT),
                    THREE_WORDS_WAV, RT + SLACK);
            assertNull(after.error, after.toString());
            assertBackToBaseline(server);
            List<SessionRecord> withAudio = server.sessions().stream().filter(s -> s.audioBytesReceived() > 44).toList();
            assertEquals(21, withAudio.size(), "one part each, the pre-connected sessions got no audio");
        }
    }

    /**
     * Part 2's server never creates the job: part 2's pipe fills and the thread that reads the live stream blocks
     * writing into it. Part 2's timeout must free that thread and close the stream.
     */
    @Test
    void aPartThatFailsWhileTheReaderIsBlockedWritingIntoItsPipeFreesTheReader() throws Exception {
        try (ProsaSttEmulator server = server()) {
            server.failNext(1, "noise");
            server.failNext(1, "stall");
            LongAudioAttackRecorder live = LongAudioAttackRecorder.fast(LONG_WAV);
            CompletableFuture<Exchange> f = sendAsync(on(server, "maxSessionDuration=8s&responseTimeout=" + RT), live,
                    null);

            await().atMost(Duration.ofMillis(RT)).pollInterval(Duration.ofMillis(10)).until(() -> blockedIn("PartPipe", "write"));
            Outcome o = attackAll("part 2 fails while the reader is blocked writing", List.of(f), RT + SLACK).get(0);

            failed(o, ProsaSttTimeoutException.class, String.format(LIVE_PART, "2"));
            assertTrue(live.awaitClosed(SLACK));
            assertBackToBaseline(server);
        }
    }

    private static boolean blockedIn(String simpleClass, String method) {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Stream.of(stack).anyMatch(
                f -> f.getClassName().endsWith("." + simpleClass) && f.getMethodName().equals(method)));
    }

    @Test
    void aRouteThatStopsReadingTheTranscriptStreamOfALiveRolloverEndsItsSessionsAndClosesTheStream() throws Exception {
        try (ProsaSttEmulator server = server()) {
            LongAudioAttackRecorder live = LongAudioAttackRecorder.paced(LONG_WAV, 4);
            CompletableFuture<Exchange> f = sendAsync(on(server, "maxSessionDuration=8s&outputType=stream&responseTimeout="
                                                                 + RT), live, 2);

            Outcome o = attackAll("route reads 2 events and stops", List.of(f), SLACK).get(0);

            assertNull(o.error, o.toString());
            assertTrue(live.awaitClosed(SLACK), "the live stream was not closed");
            assertEquals(1, streamsRead.size());
            CompletableFuture<Transcript> completion = streamsRead.get(0).completion();
            await().atMost(Duration.ofMillis(SLACK)).until(completion::isDone);
            assertTrue(completion.isCompletedExceptionally());
            assertBackToBaseline(server);
        }
    }

    @Test
    void anAbandonedTranscriptStreamOfALiveRolloverEndsWithinResponseTimeout() throws Exception {
        try (ProsaSttEmulator server = server()) {
            LongAudioAttackRecorder live = LongAudioAttackRecorder.paced(LONG_WAV, 4);
            TranscriptStream stream = template.requestBody(on(server, "maxSessionDuration=8s&outputType=stream"
                                                                      + "&responseTimeout=" + RT), live, TranscriptStream.class);
            stream.next(); // then nobody reads it again

            CompletableFuture<Transcript> completion = stream.completion();
            await("the abandoned stream ends within responseTimeout").atMost(Duration.ofMillis(RT + SLACK + 1000))
                    .until(completion::isDone);
            assertTrue(completion.isCompletedExceptionally(), "an abandoned stream ran to its end");
            ProsaSttTimeoutException e = assertInstanceOf(ProsaSttTimeoutException.class,
                    assertThrows(ExecutionException.class, completion::get).getCause());
            LOG.info("Abandoned stream: {}", e.getMessage());
            assertTrue(e.getMessage().contains("Nobody read the transcript stream"), e.getMessage());
            assertTrue(e.getMessage().matches(String.format(LIVE_PART, "[12]")), e.getMessage());
            assertTrue(live.awaitClosed(SLACK));
            assertBackToBaseline(server);
        }
    }

    /**
     * A call backlog read at once, then live at real pace, loud through the cut window: part 2 is connected 1.4 s of
     * audio before the cut (1 s ahead of a 0.4 s window) and waits that long, at real pace, for its first byte.
     */
    @Test
    void aPreConnectedPartWaitingForItsAudioAtRealPaceIsNotTimedOut() throws Exception {
        try (ProsaSttEmulator server = server()) {
            byte[] wav = tone(8.4);
            LongAudioAttackRecorder live = new LongAudioAttackRecorder(wav, wav.length, LongAudioAttackRecorder.Then.END,
                    44 + 6 * BPS, BPS);

            Outcome o = attack("real pace through the cut, responseTimeout=800", on(server,
                    "maxSessionDuration=8s&responseTimeout=800&outputType=transcript"), live, 4000 + SLACK);

            assertNull(o.error, o.toString());
            assertEquals(2, server.sessions().stream().filter(s -> s.audioBytesReceived() > 44).count());
            assertBackToBaseline(server);
        }
    }

    /** outputType=stream: the exchange has gone on with the stream; part 2's failure must reach its reader. */
    @Test
    void aFailedPartOfALiveRolloverReachesTheTranscriptStreamsReaderNamingThePart() throws Exception {
        try (ProsaSttEmulator server = server()) {
            server.failNext(1, "noise");
            server.failNext(1, "close:1011");
            LongAudioAttackRecorder live = LongAudioAttackRecorder.fast(LONG_WAV);
            String uri = on(server, "maxSessionDuration=8s&outputType=stream&responseTimeout=" + RT);

            ProsaSttException e = assertTimeoutPreemptively(Duration.ofMillis(SLACK),
                    () -> readToFailure(template.requestBody(uri, live, TranscriptStream.class)),
                    "part 2's failure reaches the reader within " + SLACK + " ms");

            LOG.info("Part 2 fails under outputType=stream: {}", String.valueOf(e));
            assertInstanceOf(ProsaSttConnectionException.class, e, "hasNext() never just returns false before END");
            assertTrue(e.getMessage().matches(String.format(LIVE_PART, "2")), e.getMessage());
            assertTrue(live.awaitClosed(SLACK));
            assertBackToBaseline(server);
        }
    }

    @ParameterizedTest
    @EnumSource(ProsaSttEmulator.MaxDurationMode.class)
    void aLiveStreamOnAServerWithALowerMaximumFailsPartOneAndIsClosedThenIsCutBelowIt(
            ProsaSttEmulator.MaxDurationMode mode) throws Exception {
        try (ProsaSttEmulator server = ProsaSttEmulator.builder().apiKey(API_KEY).maxDuration(5).maxDurationMode(mode)
                .build().start()) {
            String u = on(server, "maxSessionDuration=8s&responseTimeout=" + RT + "&outputType=transcript");
            // at 4 x real pace: part 1 fails (5 s of audio) before part 2 is connected ahead (at 6.25 s)
            LongAudioAttackRecorder first = LongAudioAttackRecorder.paced(LONG_WAV, 4);

            Outcome o = attack("live on a 5 s server, " + mode, u, first, RT + SLACK);

            ProsaSttMaxDurationException e = failed(o, ProsaSttMaxDurationException.class, String.format(LIVE_PART, "1"));
            assertFalse(e.isRetryable());
            assertTrue(first.awaitClosed(SLACK));
            assertBackToBaseline(server);

            // 6 s of it: part 2 (connected ahead at 3.5 s, cut in at 4.85 s) is the last, and no part is connected
            // ahead of a cut the audio never reaches (see liveStreamsThatEndWithinTheConnectAheadWindowLeaveNoConnectBehind)
            LongAudioAttackRecorder second = LongAudioAttackRecorder.fast(LONG_WAV, 44 + 6 * BPS,
                    LongAudioAttackRecorder.Then.END);
            int before = server.sessions().size();
            Outcome again = attack("live after learning 5 s, " + mode, u, second, SLACK);
            assertNull(again.error, again.toString());
            List<SessionRecord> parts = server.sessions().subList(before, server.sessions().size());
            assertEquals(2, parts.size());
            assertTrue(parts.stream().allMatch(p -> p.audioBytesReceived() - 44 <= 4.85 * BPS),
                    "parts cut at 97 % of the server's 5 s: " + parts.stream().map(SessionRecord::audioBytesReceived).toList());
            assertTrue(parts.stream()
                    .noneMatch(SessionRecord::maxReached));
            assertBackToBaseline(server);
        }
    }

    /** maxConcurrentStreams=1: the part connected ahead is a second session at once. */
    @Test
    void aLiveRolloverNeverRunsMoreSessionsThanMaxConcurrentStreams() throws Exception {
        try (ProsaSttEmulator server = server()) {
            LongAudioAttackRecorder live = LongAudioAttackRecorder.fast(LONG_WAV);

            Outcome o = attack("live rollover, maxConcurrentStreams=1", on(server,
                    "maxSessionDuration=8s&maxConcurrentStreams=1&responseTimeout=" + RT), live, SLACK);

            assertNull(o.error, o.toString());
            assertBackToBaseline(server);
            assertEquals(1, jobsAtOnce(server.sessions()), "never more than maxConcurrentStreams at once (websockets at"
                                                           + " once: " + server.peakConcurrentSessions() + ")");
        }
    }

    // =============================================================================================================
    // 3. splitChannels

    @Test
    void oneChannelStallsWhileTheOtherCompletes() throws Exception {
        try (ProsaSttEmulator server = server()) {
            server.failNext(1, "stall");
            Path file = Files.write(dir.resolve("stereo.wav"), SplitChannelsTest.STEREO_WAV);

            Outcome o = attack("one channel stalls", on(server, "splitChannels=true&channelNames=agent,customer"
                                                                + "&responseTimeout=" + RT), file.toFile(), RT + SLACK);

            failed(o, ProsaSttTimeoutException.class, "(?s)In channel [01] \\((agent|customer)\\) of 2: .*");
            List<SessionRecord> sessions = server.sessions();
            assertEquals(2, sessions.size());
            assertEquals(1, sessions.stream().filter(s -> s.jobId() != null && s.endOfAudio()).count(),
                    "the other channel completed");
            assertBackToBaseline(server);
            assertEquals(0, openDescriptorsOn(file));
        }
    }

    /** Each channel of a long stereo call rolls over; a failed part must still say which channel it belongs to. */
    @Test
    void aFailedPartOfARolledOverChannelNamesTheChannelAndThePart() throws Exception {
        try (ProsaSttEmulator server = server()) {
            byte[] mono = SyntheticAudio.pcm(16000, 0.5, 1.0, LongAudioTest.bursts(16));
            Path file = Files.write(dir.resolve("long-stereo.wav"), SyntheticAudio.multiChannelWav(16000, mono, mono));
            server.failNext(2, "noise"); // part 1 of each channel
            server.failNext(1, "close:1011"); // the first part 2

            Outcome o = attack("a part of one channel fails", on(server, "splitChannels=true&channelNames=agent,customer"
                                                                         + "&maxSessionDuration=8s&responseTimeout=" + RT), file.toFile(), RT + SLACK);

            failed(o, ProsaSttConnectionException.class,
                    "(?s)In channel [01] \\((agent|customer)\\) of 2.*part 2 of 4.*|(?s)In part 2 of 4.*channel [01].*");
            assertBackToBaseline(server);
            assertEquals(0, openDescriptorsOn(file));
        }
    }

    @Test
    void sixChannelsWithMaxConcurrentStreamsSixTwiceAtOnceNeverExceedSix() throws Exception {
        try (ProsaSttEmulator server = server()) {
            byte[][] channels = new byte[6][];
            for (int c = 0; c < 6; c++) {
                channels[c] = SyntheticAudio.pcm(16000, 0.5 + 0.3 * c, 2.0, 0.8);
            }
            Path file = Files.write(dir.resolve("six.wav"), SyntheticAudio.multiChannelWav(16000, channels));
            String u = on(server, "splitChannels=true&maxConcurrentStreams=6&channelNames=a,b,c,d,e,f&outputType=transcript"
                                  + "&responseTimeout=" + RT);

            List<Outcome> outs = attackAll("two 6-channel calls, maxConcurrentStreams=6",
                    List.of(sendAsync(u, file.toFile(), null), sendAsync(u, file.toFile(), null)), 2 * SLACK);

            for (Outcome o : outs) {
                assertNull(o.error, o.toString());
            }
            assertEquals(12, server.sessions().size());
            assertTrue(jobsAtOnce(server.sessions()) <= 6, "jobs at once: " + jobsAtOnce(server.sessions())
                                                           + "; websockets at once: " + server.peakConcurrentSessions());
            assertBackToBaseline(server);
            assertEquals(0, openDescriptorsOn(file));
        }
    }

    @Test
    void channelNamesShorterThanTheChannelsNameTheRestByNumber() throws Exception {
        byte[] a = SyntheticAudio.pcm(16000, 0.5, 2.0, 0.8);
        byte[] b = SyntheticAudio.pcm(16000, 1.5, 2.0, 0.8);
        byte[] c = SyntheticAudio.pcm(16000, 2.5, 2.0, 0.8);
        Transcript t = template.requestBodyAndHeader(uri("general", "splitChannels=true&channelNames=agent,customer"
                                                                    + "&outputType=transcript&responseTimeout=" + RT),
                SyntheticAudio.multiChannelWav(16000, a, b, c), ProsaSttConstants.LABEL, LABEL, Transcript.class);

        assertEquals(java.util.Arrays.asList("agent", "customer", null),
                t.segments().stream().map(Segment::speaker).toList());
        assertEquals(List.of(0, 1, 2), t.segments().stream().map(Segment::channel).toList());
        assertTrue(t.text().endsWith("\nchannel 2: " + WORDS.get(0)), t.text());
        assertBackToBaseline(emulator);
    }

    /** A stereo WAV whose data (as its header says, and as the file has) ends 3 bytes into a frame. */
    @Test
    void aStereoWavWhoseDataIsNotWholeFramesSendsWholeFramesOfEachChannel() throws Exception {
        try (ProsaSttEmulator server = server()) {
            byte[] left = SyntheticAudio.pcm(16000, 0.5, 1.0, 0.8);
            byte[] pcm = SyntheticAudio.interleave(left, left);
            int frames = pcm.length / 4;
            byte[] data = java.util.Arrays.copyOf(pcm, frames * 4 + 3);
            byte[] wav = concat(SyntheticAudio.wavHeader(16000, 2, data.length), data);

            Outcome o = attack("stereo WAV ending mid-frame", on(server, "splitChannels=true&responseTimeout=" + RT),
                    wav, SLACK);

            assertNull(o.error, o.toString());
            for (SessionRecord s : server.sessions()) {
                assertEquals(44L + frames * 2L, s.audioBytesReceived(), "a mono WAV of the whole frames");
            }
            assertBackToBaseline(server);
        }
    }

    /** Less than one frame of stereo samples: nothing to split, refused before any connection. */
    @Test
    void aStereoWavWithLessThanOneFrameEndsOnceTyped() throws Exception {
        try (ProsaSttEmulator server = server()) {
            byte[] wav = concat(SyntheticAudio.wavHeader(16000, 2, 3), new byte[] {1, 2, 3});

            Outcome o = attack("stereo WAV with 3 bytes of data", on(server, "splitChannels=true&responseTimeout=" + RT),
                    wav, SLACK);

            failed(o, ProsaSttInvalidInputException.class, "(?s)In channel 0 of 2: .*no samples.*");
            assertTrue(server.sessions().isEmpty(), "nothing was sent");
            assertBackToBaseline(server);
        }
    }

    /** The most confirmed sessions between their open and their confirmation (metadata sent) at one time. */
    private static int jobsAtOnce(List<SessionRecord> sessions) {
        List<long[]> events = new ArrayList<>();
        for (SessionRecord r : sessions) {
            if (r.finalMessageSentNanos() == 0) {
                continue;
            }
            events.add(new long[] {r.openedNanos(), 1});
            events.add(new long[] {r.finalMessageSentNanos(), -1});
        }
        events.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int now = 0;
        int most = 0;
        for (long[] e : events) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // =============================================================================================================
    // 4. Many at once

    @Test
    void twentyRolledOverFilesAtOnceWithMaxConcurrentStreamsFourAllCompleteWithinTheLimit() throws Exception {
        try (ProsaSttEmulator server = server()) {
            String u = on(server, "maxSessionDuration=8s&maxConcurrentStreams=4&outputType=transcript&responseTimeout="
                                  + RT);
            List<CompletableFuture<Exchange>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(sendAsync(u, longFile.toFile(), null));
            }

            List<Outcome> outs = attackAll("20 rolled-over files, maxConcurrentStreams=4", sent, 30_000);

            for (Outcome o : outs) {
                assertNull(o.error, o.toString());
            }
            for (CompletableFuture<Exchange> f : sent) {
                assertEquals(4, f.get().getMessage().getHeader(ProsaSttConstants.PARTS));
                assertEquals(4, f.get().getMessage().getBody(Transcript.class).jobIds().size());
            }
            assertEquals(80, server.sessions().size());
            // Jobs at once as the server saw them: from its websocket's open to its confirmation (metadata sent). The
            // raw count of open websockets may read 5 for a moment: a part's permit is released at its confirmation,
            // and its close handshake may reach the server after the next session's upgrade.
            assertTrue(server.sessions().stream().allMatch(r -> r.finalMessageSentNanos() > 0));
            int jobs = jobsAtOnce(server.sessions());
            LOG.info("20 rolled-over files: {} jobs at once at most, {} websockets at once", jobs,
                    server.peakConcurrentSessions());
            assertTrue(jobs <= 4, "jobs at once: " + jobs);
            assertBackToBaseline(server);
            assertEquals(0, openDescriptorsOn(longFile));
        }
    }
}
