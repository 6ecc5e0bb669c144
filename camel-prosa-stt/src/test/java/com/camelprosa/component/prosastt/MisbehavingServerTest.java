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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
        Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> send(uri("general", "responseTimeout=600"), THREE_WORDS_WAV,
                        Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=keepalive:50]")),
                "ends within 5 s, though the server keeps talking");
        ProsaSttTimeoutException e = assertInstanceOf(ProsaSttTimeoutException.class, out.getException());
        assertTrue(e.getMessage().contains("No progress"), e.getMessage());
    }

    @Test
    void finalizeTimeoutBoundsTheWaitForTheConfirmation() {
        Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> send(uri("general", "responseTimeout=20000&finalizeTimeout=700"), THREE_WORDS_WAV,
                        Map.of(ProsaSttConstants.LABEL, LABEL + " [fault=stall-after-end]")),
                "ends within 5 s, though responseTimeout is 20 s");
        ProsaSttTimeoutException e = assertInstanceOf(ProsaSttTimeoutException.class, out.getException());
        assertTrue(e.getMessage().contains("finalizeTimeout=700"), e.getMessage());
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
            Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(4),
                    () -> send(uri("general", "connectTimeout=8000").replace(emulator.url(), server.url()),
                            THREE_WORDS_WAV),
                    "fails within 4 s, though connectTimeout is 8 s");
            assertInstanceOf(ProsaSttConnectionException.class, out.getException());
        }
    }

    @Test
    void aDeadServerDelaysNoOtherEndpointAndItsConnectionsAreClosed() throws Exception {
        try (RawServer dead = RawServer.start(RawServer.Mode.SILENT)) {
            String deadUri = uri("general", "connectTimeout=1000").replace(emulator.url(), dead.url());
            List<CompletableFuture<Void>> stuck = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                stuck.add(sent(deadUri, THREE_WORDS_WAV, ProsaSttTimeoutException.class));
            }
            List<CompletableFuture<Void>> healthy = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                healthy.add(sent(uri("general", null), THREE_WORDS_WAV, null));
            }
            endWithin(Duration.ofSeconds(3), healthy, "healthy exchanges end within 3 s, not behind a dead server");
            endWithin(Duration.ofSeconds(3), stuck, "exchanges to a dead server end within 3 s (connectTimeout=1000)");
            await().atMost(Duration.ofSeconds(5)).until(() -> Resources.connectionsTo(dead.port()) == 0);
        }
    }

    @Test
    void aListenerThatNeverAcceptsFailsWithinConnectTimeout() throws Exception {
        try (RawServer server = RawServer.start(RawServer.Mode.BACKLOG_FULL)) {
            CompletableFuture<Void> exchange = sent(uri("general", "connectTimeout=1000").replace(emulator.url(),
                    server.url()), THREE_WORDS_WAV, ProsaSttTimeoutException.class);
            endWithin(Duration.ofSeconds(3), List.of(exchange), "ends within 3 s (connectTimeout=1000)");
        }
    }

    @Test
    void wssToAPlainServerFailsWithinConnectTimeoutAndSaysWhy() throws Exception {
        Exchange out = assertTimeoutPreemptively(Duration.ofSeconds(4),
                () -> send(uri("general", "connectTimeout=1500").replace("ws://", "wss://"), THREE_WORDS_WAV),
                "fails within 4 s (connectTimeout=1500)");
        ProsaSttException e = assertInstanceOf(ProsaSttException.class, out.getException());
        assertTrue(e.getMessage().contains("TLS") || e.getMessage().contains("ws://"), e.getMessage());
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

    /** Sends asynchronously; completes once the exchange ended and its outcome was checked. */
    private CompletableFuture<Void> sent(String uri, byte[] body, Class<? extends Exception> expected) {
        return template.asyncSend(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(ProsaSttConstants.LABEL, LABEL);
        }).thenApply(out -> {
            if (expected == null) {
                assertNull(out.getException());
            } else {
                assertInstanceOf(expected, out.getException(), () -> String.valueOf(out.getException()));
            }
            return null;
        });
    }

    /** Waits, at most {@code bound} from now, until every exchange ended; then fails if an outcome check did. */
    private static void endWithin(Duration bound, List<CompletableFuture<Void>> exchanges, String what) {
        await(what).atMost(bound).until(() -> exchanges.stream().allMatch(CompletableFuture::isDone));
        exchanges.forEach(CompletableFuture::join);
    }
}
