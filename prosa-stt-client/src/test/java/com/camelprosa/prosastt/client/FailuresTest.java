package com.camelprosa.prosastt.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLHandshakeException;

import jakarta.websocket.DeploymentException;
import org.glassfish.tyrus.core.HandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a route's error handler sees: the exception type, whether to redeliver, and a message that names the fix. */
class FailuresTest {

    private static final String URL = "wss://stt.example.com/v2/speech/stt";

    @ParameterizedTest(name = "close {0}")
    @CsvSource({
            "4000, ProsaSttAuthenticationException,       false, apiKey option",
            "4001, ProsaSttInvalidConfigurationException, false, Check audioFormat, sampleRate and channels",
            "4002, ProsaSttUnknownModelException,         false, stt-general-online",
            "4005, ProsaSttQuotaExceededException,        false, Buy more quota",
            "4029, ProsaSttRateLimitedException,          true,  Retry later with backoff",
            "1011, ProsaSttConnectionException,           true,  The whole audio can be sent again",
            "1006, ProsaSttConnectionException,           true,  The whole audio can be sent again" })
    void aCloseCodeBecomesATypedExceptionThatSaysWhatToDo(int code, String type, boolean retryable, String fix) {
        ProsaSttException e = Failures.fromClose(code, "the server's reason.\nsecond line", SessionPhase.SENDING_AUDIO);

        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(retryable, e.isRetryable());
        assertEquals(code, e.getCloseCode());
        assertEquals("the server's reason.\nsecond line", e.getCloseReason(), "the reason as the server sent it");
        assertTrue(e.getMessage().contains("close " + code + ": the server's reason)"), e.getMessage());
        assertTrue(e.getMessage().contains(fix), e.getMessage());
    }

    @Test
    void anAbnormalCloseSaysWhatTheSessionWasDoing() {
        ProsaSttException e = Failures.fromClose(1011, null, SessionPhase.AWAITING_CREATED);

        assertTrue(e.getMessage().contains("while waiting for the server to create the job (close 1011)"),
                e.getMessage());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({
            "401, ProsaSttAuthenticationException, false, apiKey option",
            "403, ProsaSttAuthenticationException, false, apiKey option",
            "429, ProsaSttRateLimitedException,    true,  Retry later with backoff",
            "503, ProsaSttConnectionException,     true,  The whole audio can be sent again",
            "404, ProsaSttConnectionException,     false, Check the url option" })
    void aRefusedUpgradeBecomesATypedException(int status, String type, boolean retryable, String fix) {
        ProsaSttException e = Failures.fromUpgradeStatus(status, URL, null);

        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(retryable, e.isRetryable());
        assertEquals(ProsaSttException.NO_CLOSE_CODE, e.getCloseCode());
        assertTrue(e.getMessage().contains("HTTP " + status) && e.getMessage().contains(fix), e.getMessage());
    }

    @Test
    void tyrusHandshakeFailuresAreReadForTheirHttpStatus() {
        DeploymentException tyrus = new DeploymentException("Handshake error.",
                new HandshakeException(401, "Unauthorized"));

        ProsaSttException e = Failures.fromConnect(tyrus, URL, false);

        assertInstanceOf(ProsaSttAuthenticationException.class, e);
        assertSame(tyrus, e.getCause(), "the details stay in the cause");
    }

    @Test
    void aRefusedConnectionIsWorthRetrying() {
        ProsaSttException e = Failures.fromConnect(new IOException(new ConnectException("Connection refused")), URL,
                false);

        assertInstanceOf(ProsaSttConnectionException.class, e);
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("Cannot connect to " + URL + " (Connection refused)"), e.getMessage());
    }

    @Test
    void anUnknownHostIsNotWorthRetrying() {
        ProsaSttException e = Failures.fromConnect(new UnknownHostException("stt.example.com"), URL, false);

        assertInstanceOf(ProsaSttConnectionException.class, e);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("Check the url option and DNS"), e.getMessage());
    }

    @Test
    void anUntrustedCertificateIsNotWorthRetryingAndNamesTheTrustStoreOption() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));

        ProsaSttException e = Failures.fromConnect(new DeploymentException("SSL failure", untrusted), URL, false);

        assertInstanceOf(ProsaSttConnectionException.class, e);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("not trusted") && e.getMessage().contains("sslContextParameters"),
                e.getMessage());
    }

    @Test
    void aServerThatSpeaksNoTlsIsToldApartFromAnUntrustedOne() {
        ProsaSttException e = Failures.fromConnect(new SSLHandshakeException("Remote host terminated the handshake"),
                URL, false);

        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("use a ws:// url"), e.getMessage());
    }

    @Test
    void aSessionsFailureIsUnwrappedOrBecomesARetryableConnectionFailure() {
        ProsaSttException typed = Failures.quota("120");
        assertSame(typed, Failures.of(new CompletionException(typed)));

        ProsaSttException other = Failures.of(new CompletionException(new IOException("Broken pipe")));
        assertInstanceOf(ProsaSttConnectionException.class, other);
        assertTrue(other.isRetryable());
        assertTrue(other.getMessage().contains("Broken pipe"), other.getMessage());
    }

    @Test
    void quotaRunningOutMidStreamIsNotWorthRetrying() {
        ProsaSttException e = Failures.quota("120");

        assertInstanceOf(ProsaSttQuotaExceededException.class, e);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("quota_used=120") && e.getMessage().contains("Buy more quota"),
                e.getMessage());
    }

    @Test
    void aServerThatBreaksTheProtocolIsNotWorthRetrying() {
        ProsaSttException binary = Failures.binaryFrame(12, SessionPhase.SENDING_AUDIO);
        ProsaSttException tooBig = Failures.tooBig(1009, "too big", 4000, SessionPhase.SENDING_AUDIO);

        assertInstanceOf(ProsaSttProtocolException.class, binary);
        assertFalse(binary.isRetryable());
        assertTrue(binary.getMessage().contains("Check that the url option"), binary.getMessage());
        assertInstanceOf(ProsaSttProtocolException.class, tooBig);
        assertFalse(tooBig.isRetryable());
        assertTrue(tooBig.getMessage().contains("Raise maxMessageSize"), tooBig.getMessage());
    }

    @Test
    void aFailedJobOrAnUnconfirmedCloseMeansSendingAgain() {
        assertTrue(Failures.jobFailed("job-1").isRetryable());
        ProsaSttException unconfirmed = Failures.unconfirmed(1000, null, "no status complete");
        assertTrue(unconfirmed.isRetryable());
        assertTrue(unconfirmed.getMessage().contains("may be incomplete, so none is returned"),
                unconfirmed.getMessage());
    }

    @Test
    void reachingTheServersMaximumSessionIsNotWorthRetrying() {
        ServerMessage.Metadata stopped = new ServerMessage.Metadata(3600.0, 3600.0, true, 3600.0);

        ProsaSttException e = Failures.notCovered(stopped, 200_000_000, 5000);

        ProsaSttMaxDurationException max = assertInstanceOf(ProsaSttMaxDurationException.class, e);
        assertFalse(max.isRetryable(), "sending again would be billed for the same part");
        assertEquals(3600.0, max.getMaxDuration());
        assertEquals(3600.0, max.getTranscribedSeconds());
        assertTrue(e.getMessage().contains("maxSessionDuration shorter than 3600.0 s"), e.getMessage());
    }

    @Test
    void closingFiguresThatCoverTheAudioAreBelieved() {
        assertNull(Failures.notCovered(null, 32000, 1.0));
        assertNull(Failures.notCovered(new ServerMessage.Metadata(10.0, 10.0, true, 3600.0), 320_000, 10.4));
        assertNull(Failures.notCovered(new ServerMessage.Metadata(6.0, 6.0, null, null), 320_000, 10.0));
    }

    @Test
    void aServerThatProcessedLessThanHalfTheAudioIsNotBelieved() {
        ProsaSttException e = Failures.notCovered(new ServerMessage.Metadata(2.0, 2.0, null, null), 320_000, 10.0);

        assertInstanceOf(ProsaSttConnectionException.class, e);
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("processed 2.0 s of the 10.0 s"), e.getMessage());
    }
}
