package com.camelprosa.prosastt.client;

import java.time.Duration;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three bounds of a session, on a real clock: each bound here is a millisecond, or an hour. */
class SessionClockTest {

    private static final long HOUR = 3_600_000;
    private static final StreamRequest PATIENT = StreamRequest.builder().apiKey("k").model("m")
            .url("ws://127.0.0.1:1/v2/speech/stt").connectTimeout(HOUR).responseTimeout(HOUR).finalizeTimeout(HOUR)
            .build();

    private final SessionClock clock = new SessionClock();

    @Test
    void nothingPassesWhileEveryBoundHolds() {
        assertEquals(SessionPhase.OPENING_AUDIO, clock.phase());
        clock.enter(SessionPhase.CONNECTING);
        assertNull(clock.check(PATIENT, 0, false));
        clock.enter(SessionPhase.SENDING_AUDIO);
        clock.endFrameQueued();
        assertEquals(SessionPhase.AWAITING_CONFIRMATION, clock.phase());
        assertNull(clock.check(PATIENT, 32000, true));
    }

    @Test
    void aConnectPastConnectTimeoutSaysHowFarItGot() {
        StreamRequest quick = PATIENT.toBuilder().connectTimeout(1).build();
        clock.enter(SessionPhase.CONNECTING);

        ProsaSttException e = failure(quick, 0, false);

        assertTrue(e.getMessage().contains("within connectTimeout=1 ms: the TCP connection was not accepted"),
                e.getMessage());
        assertTrue(e.getMessage().contains("raise connectTimeout"), e.getMessage());
    }

    @Test
    void aTlsConnectThatStallsAfterTcpSuggestsAPlainWebsocketUrl() {
        StreamRequest quickTls = PATIENT.toBuilder().url("wss://127.0.0.1:1/v2/speech/stt").connectTimeout(1).build();
        clock.enter(SessionPhase.CONNECTING);

        ProsaSttException e = failure(quickTls, 0, true);

        assertTrue(e.getMessage().contains("TLS handshake") && e.getMessage().contains("use a ws:// url"),
                e.getMessage());
    }

    @Test
    void aSessionWithoutProgressPastResponseTimeoutFails() {
        StreamRequest quick = PATIENT.toBuilder().responseTimeout(1).build();
        clock.enter(SessionPhase.SENDING_AUDIO);

        ProsaSttException e = failure(quick, 6400, true);

        assertTrue(e.getMessage().contains("while sending audio (responseTimeout=1 ms; 6400 bytes of audio sent)"),
                e.getMessage());
    }

    @Test
    void aJobNotConfirmedWithinFinalizeTimeoutAfterTheAudioFails() {
        StreamRequest quick = PATIENT.toBuilder().finalizeTimeout(1).build();
        clock.enter(SessionPhase.SENDING_AUDIO);
        clock.endFrameQueued();

        ProsaSttException e = failure(quick, 3200, true);

        assertTrue(e.getMessage().contains("within finalizeTimeout=1 ms after the end of the audio (3200 bytes sent)"),
                e.getMessage());
    }

    @Test
    void aConfirmedJobCompletesThoughItsLastMessagesNeverCome() {
        clock.enter(SessionPhase.SENDING_AUDIO);
        clock.endFrameQueued();
        clock.confirmed();
        assertTrue(clock.isConfirmed());

        SessionClock.Verdict verdict = await().atMost(Duration.ofSeconds(10))
                .until(() -> clock.check(PATIENT, 3200, true), Objects::nonNull);

        assertTrue(verdict.complete());
        assertNull(verdict.failure());
    }

    @Test
    void aConfirmationBeforeTheEndOfTheAudioIsNoConfirmation() {
        clock.enter(SessionPhase.SENDING_AUDIO);
        clock.confirmed();

        assertFalse(clock.isConfirmed());
        assertFalse(clock.audioEnded());
    }

    @Test
    void anEndedSessionNoLongerTimesOut() {
        StreamRequest quick = PATIENT.toBuilder().responseTimeout(1).build();
        clock.enter(SessionPhase.ENDED);

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> clock.check(quick, 0, true) == null);
    }

    /** The verdict once the bound passed: a failure, retryable, that is a timeout. */
    private ProsaSttException failure(StreamRequest request, long bytesSent, boolean tcpConnected) {
        SessionClock.Verdict verdict = await().atMost(Duration.ofSeconds(10))
                .until(() -> clock.check(request, bytesSent, tcpConnected), Objects::nonNull);
        assertFalse(verdict.complete());
        ProsaSttTimeoutException e = assertInstanceOf(ProsaSttTimeoutException.class, verdict.failure());
        assertTrue(e.isRetryable(), "sending the whole audio again may succeed");
        return e;
    }
}
