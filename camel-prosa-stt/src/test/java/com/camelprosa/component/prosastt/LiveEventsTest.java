package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.ProsaSttAuthenticationException;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.client.TranscriptStream;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live events reach whoever holds them when they arrive: a route per event, or a stream a caller iterates. */
class LiveEventsTest extends EmulatorTestSupport {

    /** Two words ending at 0.7 s and 2.6 s of the audio. */
    private static final byte[] TWO_WORDS = SyntheticAudio.wav(16000, 0.2, 1.5, 0.5, 0.4);
    /** Five words over about 7 s. */
    private static final byte[] FIVE_WORDS = SyntheticAudio.wav(16000, 0.2, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5);

    private static ProsaSttEmulator live;
    private final List<TranscriptEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRealtimeEmulator() throws Exception {
        live = ProsaSttEmulator.builder().apiKey(API_KEY).realtime(true)
                .transcripts(TranscriptScript.of(LABEL, List.of("satu", "dua", "tiga", "empat", "lima"))).build().start();
    }

    @AfterAll
    static void stopRealtimeEmulator() {
        live.close();
    }

    private static String liveUri(String extra) {
        return uri("general", extra).replace(emulator.url(), live.url());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").process(e -> events.add(e.getMessage().getBody(TranscriptEvent.class)));
            }
        };
    }

    @Test
    void eventUriDeliversEachEventTheMomentItArrivesAndTheExchangeContinuesAfterTheLast() throws Exception {
        CompletableFuture<Exchange> pending = template.asyncSend(liveUri("eventUri=direct:events"), e -> {
            e.getMessage().setBody(TWO_WORDS);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        });

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> !events.isEmpty());
        // The second word ends 1.9 s after the first: with a look-ahead the first would wait for it.
        await("the exchange goes on for at least 1 s after the first result reached the route")
                .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !pending.isDone());
        Exchange out = pending.get(30, TimeUnit.SECONDS);
        List<TranscriptEvent.Type> types = events.stream().map(TranscriptEvent::type).toList();

        assertEquals(List.of(TranscriptEvent.Type.RESULT, TranscriptEvent.Type.RESULT, TranscriptEvent.Type.END), types,
                "END was processed before the exchange continued");
        assertNull(out.getException());
        assertEquals("satu dua", out.getMessage().getBody(String.class));
    }

    @Test
    void continueOnIoThreadRunsEventsAndTheNextStepWhereTheMessageWasReadAndFailuresOnTheCallbackThreads()
            throws Exception {
        Map<String, List<String>> threads = new java.util.concurrent.ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String mode : List.of("io", "pool")) {
                    String option = mode.equals("io") ? "continueOnIoThread=true&" : "";
                    from("direct:" + mode + "-events").process(e -> record(threads, mode + " event"));
                    from("direct:" + mode).to(uri("general", option + "eventUri=direct:" + mode + "-events"))
                            .process(e -> record(threads, mode + " next"));
                }
                from("direct:io-failing")
                        .doTry()
                            .to(uri("general", "continueOnIoThread=true").replace(API_KEY, "a-wrong-key"))
                        .doCatch(ProsaSttAuthenticationException.class)
                            .process(e -> record(threads, "io failure"))
                        .end();
                from("direct:io-broken-events").process(e -> { // after the job was confirmed: a success otherwise
                    if (e.getMessage().getBody(TranscriptEvent.class).type() == TranscriptEvent.Type.END) {
                        throw new IllegalStateException("the event route broke on END");
                    }
                });
                from("direct:io-event-failing")
                        .doTry()
                            .to(uri("general", "continueOnIoThread=true&eventUri=direct:io-broken-events"))
                        .doCatch(IllegalStateException.class)
                            .process(e -> record(threads, "io event failure"))
                        .end();
            }
        });

        for (String mode : List.of("io", "pool")) {
            Exchange out = send("direct:" + mode, THREE_WORDS_WAV, Map.of(ProsaSttConstants.LABEL, LABEL));
            assertNull(out.getException());
            assertEquals(String.join(" ", WORDS), out.getMessage().getBody(String.class));
        }
        assertNull(send("direct:io-failing", THREE_WORDS_WAV).getException());
        assertNull(send("direct:io-event-failing", THREE_WORDS_WAV).getException());

        assertEquals(4, threads.get("io event").size(), "three results and the end: " + threads);
        assertEquals(4, threads.get("pool event").size(), threads.toString());
        threads.get("io event").forEach(t -> assertTrue(t.startsWith("prosa-stt-shared-io"), threads.toString()));
        threads.get("io next").forEach(t -> assertTrue(t.startsWith("prosa-stt-shared-io"), threads.toString()));
        threads.get("pool event").forEach(t -> assertTrue(t.contains("ProsaSttCallback"), threads.toString()));
        threads.get("pool next").forEach(t -> assertTrue(t.contains("ProsaSttCallback"), threads.toString()));
        assertTrue(threads.get("io failure").get(0).contains("ProsaSttCallback"), threads.toString());
        assertTrue(threads.get("io event failure").get(0).contains("ProsaSttCallback"), threads.toString());
    }

    private static void record(Map<String, List<String>> threads, String what) {
        threads.computeIfAbsent(what, k -> new CopyOnWriteArrayList<>()).add(Thread.currentThread().getName());
    }

    @Test
    void aTemplateCanIterateTheStreamItGets() {
        TranscriptStream stream = template.requestBodyAndHeader(uri("general", "outputType=stream"), THREE_WORDS_WAV,
                ProsaSttConstants.LABEL, LABEL, TranscriptStream.class);
        assertTrue(stream.toString().contains("job=" + stream.jobId()), stream.toString());
        List<String> results = new ArrayList<>();
        TranscriptEvent last = null;
        while (stream.hasNext()) {
            last = stream.next();
            if (last.type() == TranscriptEvent.Type.RESULT) {
                results.add(last.text());
            }
        }
        assertEquals(WORDS, results);
        assertEquals(TranscriptEvent.Type.END, last.type());
        assertTrue(stream.toString().contains("ended"), stream.toString());
    }

    @Test
    void aStreamClosedBeforeItsEndThrowsInsteadOfEndingQuietly() {
        TranscriptStream stream = template.requestBodyAndHeader(liveUri("outputType=stream"), FIVE_WORDS,
                ProsaSttConstants.LABEL, LABEL, TranscriptStream.class);
        assertEquals(TranscriptEvent.Type.RESULT, stream.next().type());
        stream.close();
        assertThrows(ProsaSttConnectionException.class, stream::hasNext);
    }

    @Test
    void anAbandonedStreamEndsItsSessionAfterTheResponseTimeout() {
        int before = live.sessions().size();
        TranscriptStream stream = template.requestBodyAndHeader(liveUri("outputType=stream&responseTimeout=2000"),
                FIVE_WORDS, ProsaSttConstants.LABEL, LABEL, TranscriptStream.class);
        SessionRecord session = live.sessions().get(before);
        await("the abandoned session ends within 5 s, before its 6.7 s of audio").atMost(Duration.ofSeconds(5))
                .until(session::closed);
        assertFalse(stream.completion().isDone() && !stream.completion().isCompletedExceptionally());
        ProsaSttTimeoutException e = assertThrows(ProsaSttTimeoutException.class, () -> {
            while (stream.hasNext()) {
                stream.next();
            }
        });
        assertTrue(e.getMessage().contains("Nobody read"), e.getMessage());
    }
}
