package com.camelprosa.component.prosastt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.camelprosa.component.prosastt.support.EmulatorTestSupport;
import com.camelprosa.component.prosastt.support.RawServer;
import com.camelprosa.component.prosastt.support.Resources;
import com.camelprosa.prosastt.client.ProsaSttConnectionException;
import com.camelprosa.prosastt.client.ProsaSttException;
import com.camelprosa.prosastt.client.ProsaSttInvalidConfigurationException;
import com.camelprosa.prosastt.client.ProsaSttProtocolException;
import com.camelprosa.prosastt.client.ProsaSttRateLimitedException;
import com.camelprosa.prosastt.client.ProsaSttTimeoutException;
import com.camelprosa.prosastt.emulator.SyntheticAudio;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servers and networks that misbehave: no silent truncation, every wait bounded, nothing left behind. */
class MisbehavingServerTest extends EmulatorTestSupport {

    /** 30 s of speech bursts: about 60 frames of 16 000 bytes. */
    static final byte[] THIRTY_SECONDS_WAV = SyntheticAudio.wav(16000, 0.5, 1.0, 1.5, 1.2, 2.0, 1.0, 1.5, 1.2, 2.0,
            1.0, 1.5, 1.2, 2.0, 1.0, 1.5, 1.2, 2.0, 1.0);

    @ParameterizedTest
    @ValueSource(strings = { "close-after-end", "no-confirm", "truncate" })
    void aJobTheServerNeverConfirmedIsNeverASuccess(String fault) throws Exception {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] audio = i % 2 == 0 ? THREE_WORDS_WAV : THIRTY_SECONDS_WAV;
            sent.add(template.asyncSend(uri("general", null), e -> {
                e.getMessage().setBody(audio);
                e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL + " [fault=" + fault + "]");
            }));
        }
        for (CompletableFuture<Exchange> f : sent) {
            Exchange out = f.get(30, TimeUnit.SECONDS);
            ProsaSttConnectionException e = assertInstanceOf(ProsaSttConnectionException.class, out.getException(),
                    () -> "a transcript was reported for an unconfirmed job: " + out.getMessage().getBody());
            assertTrue(e.isRetryable());
            assertTrue(e.getMessage().contains("without confirming the job"), e.getMessage());
            assertTrue(e.getMessage().matches(".*\\d+ bytes.*"), "says how much audio was sent: " + e.getMessage());
        }
    }

    @Test
    void aServerThatConfirmsBeforeTheAudioEndedIsNotBelieved() {
        Exchange out = send(uri("general", null), THIRTY_SECONDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=complete-early]"));
        ProsaSttConnectionException e = assertInstanceOf(ProsaSttConnectionException.class, out.getException());
        // Which check catches it depends on whether the upload had ended when the confirmation came.
        assertTrue(e.getMessage().contains("while the audio was still being sent")
                   || e.getMessage().contains("processed 0.5 s of the"), e.getMessage());
    }

    @Test
    void aConfirmedJobWhoseConnectionThenDropsIsASuccess() {
        Exchange out = send(uri("general", null), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=drop-after-complete]"));
        assertNull(out.getException());
        assertEquals(String.join(" ", WORDS), out.getMessage().getBody(String.class));
    }

    @Test
    void aResultAfterTheConfirmationIsNotAppended() {
        Exchange out = send(uri("general", null), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=result-after-complete]"));
        assertNull(out.getException());
        assertEquals(String.join(" ", WORDS), out.getMessage().getBody(String.class));
        assertEquals(3, out.getMessage().getHeader(ProsaSttConstants.SEGMENT_COUNT));
    }

    @Test
    void trafficThatIsNotProgressDoesNotKeepASessionOpen() {
        long start = System.nanoTime();
        Exchange out = send(uri("general", "responseTimeout=600"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=keepalive:50]"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        ProsaSttTimeoutException e = assertInstanceOf(ProsaSttTimeoutException.class, out.getException());
        assertTrue(e.getMessage().contains("No progress"), e.getMessage());
        assertTrue(millis < 5000, "ended " + millis + " ms after it began, though the server kept talking");
    }

    @Test
    void finalizeTimeoutBoundsTheWaitForTheConfirmation() {
        long start = System.nanoTime();
        Exchange out = send(uri("general", "responseTimeout=20000&finalizeTimeout=700"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=stall-after-end]"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        ProsaSttTimeoutException e = assertInstanceOf(ProsaSttTimeoutException.class, out.getException());
        assertTrue(e.getMessage().contains("finalizeTimeout=700"), e.getMessage());
        assertTrue(millis < 5000, "ended after " + millis + " ms, responseTimeout was 20 s");
    }

    @Test
    void aBinaryFrameFromTheServerIsAShortNonRetryableProtocolError() {
        Exchange out = send(uri("general", null), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=binary]"));
        ProsaSttProtocolException e = assertInstanceOf(ProsaSttProtocolException.class, out.getException());
        assertFalse(e.isRetryable(), "a redelivery route would resend forever");
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        assertTrue(e.getMessage().contains("binary frame"), e.getMessage());
    }

    @Test
    void http429AtTheUpgradeIsRateLimiting() throws Exception {
        try (RawServer server = RawServer.start(RawServer.Mode.HTTP_429)) {
            Exchange out = send(uri("general", null).replace(emulator.url(), server.url()), THREE_WORDS_WAV);
            ProsaSttRateLimitedException e = assertInstanceOf(ProsaSttRateLimitedException.class, out.getException(),
                    () -> String.valueOf(out.getException()));
            assertTrue(e.isRetryable());
            assertEquals("HTTP 429", e.getCloseReason());
        }
    }

    @Test
    void aPeerThatClosesAtOnceFailsAtOnce() throws Exception {
        try (RawServer server = RawServer.start(RawServer.Mode.CLOSE_AT_ONCE)) {
            long start = System.nanoTime();
            Exchange out = send(uri("general", "connectTimeout=8000").replace(emulator.url(), server.url()),
                    THREE_WORDS_WAV);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(ProsaSttConnectionException.class, out.getException());
            assertTrue(millis < 4000, "failed after " + millis + " ms; connectTimeout was 8 s");
        }
    }

    @Test
    void aDeadServerDelaysNoOtherEndpointAndItsConnectionsAreClosed() throws Exception {
        try (RawServer dead = RawServer.start(RawServer.Mode.SILENT)) {
            String deadUri = uri("general", "connectTimeout=1000").replace(emulator.url(), dead.url());
            List<CompletableFuture<Long>> stuck = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                stuck.add(timed(deadUri, THREE_WORDS_WAV, ProsaSttTimeoutException.class));
            }
            List<CompletableFuture<Long>> healthy = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                healthy.add(timed(uri("general", null), THREE_WORDS_WAV, null));
            }
            for (CompletableFuture<Long> f : stuck) {
                long millis = f.get(30, TimeUnit.SECONDS);
                assertTrue(millis < 3000, "connectTimeout=1000 but the exchange took " + millis + " ms");
            }
            for (CompletableFuture<Long> f : healthy) {
                long millis = f.get(30, TimeUnit.SECONDS);
                assertTrue(millis < 3000, "a healthy endpoint waited " + millis + " ms behind a dead server");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> Resources.connectionsTo(dead.port()) == 0);
        }
    }

    @Test
    void aListenerThatNeverAcceptsFailsWithinConnectTimeout() throws Exception {
        try (RawServer server = RawServer.start(RawServer.Mode.BACKLOG_FULL)) {
            long millis = timed(uri("general", "connectTimeout=1000").replace(emulator.url(), server.url()),
                    THREE_WORDS_WAV, ProsaSttTimeoutException.class).get(30, TimeUnit.SECONDS);
            assertTrue(millis < 3000, "connectTimeout=1000 but the exchange took " + millis + " ms");
        }
    }

    @Test
    void wssToAPlainServerFailsWithinConnectTimeoutAndSaysWhy() throws Exception {
        long start = System.nanoTime();
        Exchange out = send(uri("general", "connectTimeout=1500").replace("ws://", "wss://"), THREE_WORDS_WAV);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        ProsaSttException e = assertInstanceOf(ProsaSttException.class, out.getException());
        assertTrue(e.getMessage().contains("TLS") || e.getMessage().contains("ws://"), e.getMessage());
        assertTrue(millis < 4000, "failed after " + millis + " ms; connectTimeout was 1.5 s");
    }

    @Test
    void aFrozenServersConnectionIsDroppedWhenTheSessionTimesOut() throws Exception {
        int before = Resources.connectionsTo(emulator.port());
        Exchange out = send(uri("general", "responseTimeout=500"), THREE_WORDS_WAV,
                Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=stall]"));
        assertInstanceOf(ProsaSttTimeoutException.class, out.getException());
        await().atMost(Duration.ofSeconds(3)).until(() -> Resources.connectionsTo(emulator.port()) <= before);
    }

    @Test
    void impossibleStaticOptionsAreConfigurationErrorsBeforeAnyConnection() {
        int before = emulator.sessions().size();
        for (String options : List.of("url=ws://127.0.0.1:99999/v2/speech/stt", "chunkSize=2147483647")) {
            String uri = options.startsWith("url=") ? "prosa-stt:general?apiKey=RAW(" + API_KEY + ")&" + options
                    : uri("general", options);
            Exception e = assertThrows(Exception.class, () -> template.sendBody(uri, THREE_WORDS_WAV));
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof ProsaSttException)) {
                root = root.getCause();
            }
            assertInstanceOf(ProsaSttInvalidConfigurationException.class, root, options);
            String option = options.substring(0, options.indexOf('='));
            assertTrue(root.getMessage().contains(option), root.getMessage());
        }
        assertEquals(before, emulator.sessions().size());
    }

    /** Sends asynchronously; completes with the exchange's duration after checking its outcome. */
    private CompletableFuture<Long> timed(String uri, byte[] body, Class<? extends Exception> expected) {
        long start = System.nanoTime();
        return template.asyncSend(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        }).thenApply(out -> {
            if (expected == null) {
                assertNull(out.getException());
            } else {
                assertInstanceOf(expected, out.getException(), () -> String.valueOf(out.getException()));
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });
    }
}
