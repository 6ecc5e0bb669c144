package com.camelprosa.component.prosastt;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.prosastt.client.ProsaSttInvalidInputException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.TranscriptEvent;
import com.camelprosa.prosastt.emulator.ProsaSttEmulator;
import com.camelprosa.prosastt.emulator.SessionRecord;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import com.camelprosa.prosastt.emulator.TranscriptScript;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live audio in, live events out: partials while the speaker talks, pacing, and the session limit. */
class StreamingTest extends EmulatorTestSupport {

    /** 0.3 s silence, a 2 s "word", 1 s silence: 16 kHz mono 16-bit. */
    private static final byte[] LONG_WORD = SyntheticAudio.wav(16000, 0.3, 1.0, 2.0);
    private static final int FIRST_PART = 44 + (int) (1.1 * 32000);

    @Test
    void partialsReachTheRouteWhileTheAudioIsStillArriving() throws Exception {
        PipedOutputStream speaker = new PipedOutputStream();
        PipedInputStream live = new PipedInputStream(speaker, 1 << 20);
        CountDownLatch firstPartial = new CountDownLatch(1);
        MockEndpoint events = getMockEndpoint("mock:events");
        events.whenAnyExchangeReceived(e -> {
            if (e.getMessage().getBody(TranscriptEvent.class).type() == TranscriptEvent.Type.PARTIAL) {
                firstPartial.countDown();
            }
        });
        int before = emulator.sessions().size();

        speaker.write(Arrays.copyOfRange(LONG_WORD, 0, FIRST_PART));
        CompletableFuture<Exchange> done = template.asyncSend("direct:live", e -> {
            e.getMessage().setBody(live);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        });

        assertTrue(firstPartial.await(10, TimeUnit.SECONDS), "a partial arrived while the speaker was talking");
        SessionRecord session = emulator.sessions().get(before);
        assertFalse(session.endOfAudio(), "the audio has not ended yet");
        assertTrue(session.audioBytes() < LONG_WORD.length);

        speaker.write(Arrays.copyOfRange(LONG_WORD, FIRST_PART, LONG_WORD.length));
        speaker.close();
        assertNull(done.get(10, TimeUnit.SECONDS).getException());

        List<TranscriptEvent.Type> types = new ArrayList<>();
        events.getExchanges().forEach(e -> types.add(e.getMessage().getBody(TranscriptEvent.class).type()));
        assertEquals(TranscriptEvent.Type.PARTIAL, types.get(0));
        assertEquals(List.of(TranscriptEvent.Type.RESULT, TranscriptEvent.Type.END), types.subList(types.size() - 2,
                types.size()), types.toString());
        TranscriptEvent result = events.getExchanges().get(types.size() - 2).getMessage().getBody(TranscriptEvent.class);
        assertEquals(0.3, result.start(), 0.021);
        assertEquals(2.3, result.end(), 0.021);
        assertTrue(session.binaryFrameSizes().size() > 2, "sent in pieces as the audio arrived");
    }

    @Test
    void aRouteThatStopsReadingEarlyClosesTheSession() throws Exception {
        PipedOutputStream speaker = new PipedOutputStream();
        PipedInputStream live = new PipedInputStream(speaker, 1 << 20);
        speaker.write(Arrays.copyOfRange(LONG_WORD, 0, FIRST_PART));
        int before = emulator.sessions().size();

        Exchange out = template.send("direct:giveUp", e -> {
            e.getMessage().setBody(live);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        });

        assertInstanceOf(IllegalStateException.class, out.getException().getCause(), String.valueOf(out.getException()));
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.sessions().get(before).closed());
        assertFalse(emulator.sessions().get(before).endOfAudio(), "closed mid-stream, not finished");
        assertEquals(0, context.getComponent("prosa-stt", ProsaSttComponent.class).getClient().openSessions());
    }

    @Test
    void realtimeSendsAtTheAudiosOwnPace() {
        byte[] oneSecond = SyntheticAudio.wav(16000, 0.2, 0.3, 0.5);
        Exchange out = send(uri("general", "realtime=true&chunkSize=3200"), oneSecond);

        assertNull(out.getException());
        SessionRecord session = lastSession();
        List<Long> arrivals = session.binaryFrameNanos();
        List<Integer> sizes = session.binaryFrameSizes();
        long bytesBefore = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            double expected = bytesBefore / 32000.0;
            double actual = (arrivals.get(i) - arrivals.get(0)) / 1e9;
            // Never early (what pacing promises); how late a busy machine makes it is the benchmark's drift row.
            assertTrue(actual >= expected - 0.03, "frame " + i + " arrived at " + actual + " s, due " + expected);
            bytesBefore += sizes.get(i);
        }
        assertTrue((arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9 > 0.8, "not sent all at once");
    }

    @Test
    void realtimeEmulatorSendsNoResultBeforeItsSegmentHasBeenSpoken() throws Exception {
        byte[] audio = SyntheticAudio.wav(16000, 0.2, 0.6, 0.5, 0.4); // segments end at 0.7 s and 1.7 s
        try (ProsaSttEmulator live = ProsaSttEmulator.builder().apiKey(API_KEY).realtime(true).build().start()) {
            long start = System.nanoTime();
            Exchange out = send(uri("general", "outputType=segments").replace(emulator.url(), live.url()), audio);
            double tookSeconds = (System.nanoTime() - start) / 1e9;

            assertNull(out.getException());
            assertEquals(2, out.getMessage().getHeader(ProsaSttConstants.SEGMENT_COUNT));
            assertTrue(tookSeconds >= 1.7, "the last result waited for its end time in the audio: " + tookSeconds);
        }
    }

    @Test
    void realtimeNeedsToKnowTheRate() {
        byte[] mp3 = LongAudioTest.mp3Frames(10);
        int before = emulator.sessions().size();

        Exchange out = send(uri("general", "realtime=true"), mp3);

        assertInstanceOf(ProsaSttInvalidInputException.class, out.getException());
        assertTrue(out.getException().getMessage().contains("sampleRate"), out.getException().getMessage());
        assertEquals(before, emulator.sessions().size(), "no session opened");
    }

    @Test
    void maxConcurrentStreamsHoldsAndTheRestWaitTheirTurn() throws Exception {
        try (ProsaSttEmulator own = ProsaSttEmulator.builder().apiKey(API_KEY)
                .transcripts(TranscriptScript.of(LABEL, WORDS)).build().start()) {
            String limited = uri("general", "maxConcurrentStreams=2").replace(emulator.url(), own.url());
            List<CompletableFuture<Exchange>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(template.asyncSend(limited, e -> {
                    e.getMessage().setBody(THREE_WORDS_WAV);
                    e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL + " [fault=late:150]");
                }));
            }
            for (CompletableFuture<Exchange> f : all) {
                Exchange e = f.get(30, TimeUnit.SECONDS);
                assertNull(e.getException());
                assertEquals(String.join(" ", WORDS), e.getMessage().getBody(String.class));
            }
            assertEquals(6, own.sessions().size());
            assertEquals(2, own.peakConcurrentSessions(), "never more than maxConcurrentStreams at once");
        }
    }

    @Test
    void waitingLongerThanStreamWaitTimeoutFails() throws Exception {
        String limited = uri("general", "maxConcurrentStreams=1&streamWaitTimeout=200&responseTimeout=3000");
        int before = emulator.sessions().size();
        CompletableFuture<Exchange> holder = template.asyncSend(limited, e -> {
            e.getMessage().setBody(THREE_WORDS_WAV);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, "x [fault=stall-after-end]");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.openSessions() > 0);

        Exchange waiter = send(limited, THREE_WORDS_WAV, Map.of(ProsaSttConstants.LABEL, LABEL));

        assertInstanceOf(ProsaSttRateLimitedException.class, waiter.getException());
        assertTrue(waiter.getException().getMessage().contains("maxConcurrentStreams=1"));
        assertEquals(before + 1, emulator.sessions().size(), "the waiter never opened a session");
        holder.get(10, TimeUnit.SECONDS);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // Stream caching (on by default) would read the live stream to its end before the producer sees it.
                from("direct:live").streamCache("false").to(uri("general", "outputType=stream&includePartial=true"))
                        .split(body()).streaming().to("mock:events");
                // Camel's splitter asks hasNext() once more after a failure: a short responseTimeout bounds that wait.
                from("direct:giveUp").streamCache("false")
                        .to(uri("general", "outputType=stream&includePartial=true&responseTimeout=1000"))
                        .split(body()).streaming().stopOnException().process(e -> {
                            throw new IllegalStateException("the consumer gave up after the first event");
                        });
            }
        };
    }

}
