package com.camelprosa.prosastt.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.camelprosa.prosastt.client.internal.TyrusInternals;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * The one place that turns what went wrong (a close code, a refused upgrade, a failed connect) into a typed
 * {@link ProsaSttException} whose message says what happened and what to do. Messages are short sentences; details
 * stay in the cause.
 */
final class Failures {

    static final String SEND_AGAIN = "The whole audio can be sent again.";

    private Failures() {
    }

    /**
     * The {@link ProsaSttException} a session's future failed with (unwrapped from a CompletionException), or a
     * connection failure that carries anything else as its cause.
     */
    static ProsaSttException of(Throwable error) {
        Throwable cause = error instanceof ProsaSttException || error.getCause() == null ? error : error.getCause();
        return cause instanceof ProsaSttException p ? p
                : new ProsaSttConnectionException("The session failed (" + rootMessage(cause) + ").",
                        ProsaSttException.NO_CLOSE_CODE, null, cause);
    }

    /** The typed exception for a close code that is not a normal end. */
    static ProsaSttException fromClose(int code, String reason, SessionPhase phase) {
        String seen = "close " + code + (reason == null || reason.isBlank() ? "" : ": " + sentence(reason));
        return switch (code) {
            case 4000 -> new ProsaSttAuthenticationException("Prosa STT rejected the API key (" + seen + "). Set a"
                                                             + " valid key in the apiKey option (for example from PROSA_API_KEY); keys come from the"
                                                             + " Prosa Console.", code, reason, null);
            case 4001 -> new ProsaSttInvalidConfigurationException("Prosa STT rejected the session configuration ("
                                                                   + seen + "). Check audioFormat, sampleRate and channels against the audio you send.",
                    code, reason);
            case 4002 -> new ProsaSttUnknownModelException("Prosa STT does not know the model (" + seen
                                                           + "). Use a streaming model such as stt-general-online (prosa-stt:general).",
                    code, reason);
            case 4005 -> new ProsaSttQuotaExceededException("Prosa STT quota is used up (" + seen + "). Buy more"
                                                            + " quota in the Prosa Console, then send again.", code, reason);
            case 4029 -> new ProsaSttRateLimitedException(rateLimited("(" + seen + ")"), code, reason);
            default -> new ProsaSttConnectionException("Prosa STT session ended abnormally while " + phase + " ("
                                                       + seen + "). " + SEND_AGAIN, code, reason, null);
        };
    }

    /** The server closed (1000 or abnormally) before it confirmed the job. */
    static ProsaSttException unconfirmed(int code, String reason, String missing) {
        String seen = "close " + code + (reason == null || reason.isBlank() ? "" : ": " + sentence(reason));
        return new ProsaSttConnectionException((code == 1000 ? "Prosa STT closed the session (" : "Prosa STT session"
                                                                                                 + " ended abnormally (") + seen + ") without confirming the job: " + missing
                                               + ". The transcript may be incomplete, so none is returned. " + SEND_AGAIN, code, reason, null);
    }

    /** A confirmation came before the end of the audio: a truncated job, or the server's maximum session reached. */
    static ProsaSttException confirmedEarly(ServerMessage.Metadata m, long bytesSent, double audioSeconds) {
        if (m != null && Boolean.TRUE.equals(m.maxReached())) {
            return maxDuration(m, audioSeconds);
        }
        return new ProsaSttConnectionException("Prosa STT confirmed the job while the audio was still being sent ("
                                               + bytesSent + " bytes sent, no end frame yet): the transcript would miss the rest. " + SEND_AGAIN,
                ProsaSttException.NO_CLOSE_CODE, null, null);
    }

    /**
     * A confirmed job's closing figures: null when they cover the audio sent, else why the transcript would be cut.
     * With {@code max_reached} the server's duration must cover the audio to within a second (and the audio's length
     * must be known); without it, a server that processed less than half is not believed.
     *
     * @param sentSeconds the seconds of audio sent, or a negative number when the byte rate is unknown
     */
    static ProsaSttException notCovered(ServerMessage.Metadata m, long bytesSent, double sentSeconds) {
        if (m == null) {
            return null;
        }
        if (Boolean.TRUE.equals(m.maxReached())) {
            boolean covered = sentSeconds >= 0 && m.duration() != null && m.duration() + 1.0 >= sentSeconds;
            return covered ? null : maxDuration(m, sentSeconds);
        }
        if (m.duration() == null || sentSeconds < 0 || m.duration() + 1.0 >= sentSeconds / 2) {
            return null;
        }
        return new ProsaSttConnectionException(String.format(Locale.ROOT, "Prosa STT confirmed the job but"
                                                             + " says it processed %.1f s of the %.1f s of audio sent (%d bytes): the transcript would miss the"
                                                             + " rest. %s", m.duration(), sentSeconds, bytesSent, SEND_AGAIN), ProsaSttException.NO_CLOSE_CODE, null, null);
    }

    /** The server stopped at its maximum session length before the end of the audio. */
    static ProsaSttMaxDurationException maxDuration(ServerMessage.Metadata m, double audioSeconds) {
        String max = m.maxDuration() == null ? "its max_duration" : seconds(m.maxDuration()) + " s";
        String done = m.duration() == null ? "an unknown part" : "only the first " + seconds(m.duration()) + " s";
        String of = audioSeconds >= 0 ? " of the " + seconds(audioSeconds) + " s of audio" : " of the audio";
        return new ProsaSttMaxDurationException("The audio is longer than Prosa STT's maximum session of " + max
                                                + ": the server transcribed " + done + of + " and stopped (max_reached). No transcript is returned,"
                                                + " and sending the same audio again would be billed for the same part. Let the component cut it into"
                                                + " sessions (maxSessionDuration shorter than " + max + "), or send parts shorter than " + max + ".",
                m.maxDuration(), m.duration());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    static ProsaSttException binaryFrame(int bytes, SessionPhase phase) {
        return new ProsaSttProtocolException("Prosa STT sent a binary frame (" + bytes + " bytes) while " + phase
                                             + "; the protocol has only text messages from the server. Check that the url option points at the"
                                             + " Prosa STT streaming API.", ProsaSttException.NO_CLOSE_CODE, null);
    }

    static ProsaSttException tooBig(int code, String reason, int maxMessageSize, SessionPhase phase) {
        return new ProsaSttProtocolException("Prosa STT sent a message larger than maxMessageSize=" + maxMessageSize
                                             + " bytes while " + phase + "; the session was closed. Raise maxMessageSize only if the server is known"
                                             + " to send such messages.", code, reason);
    }

    static ProsaSttException quota(String quotaUsed) {
        return new ProsaSttQuotaExceededException("Prosa STT quota ran out during the session (quota_used=" + quotaUsed
                                                  + "). Buy more quota in the Prosa Console, then send again.", ProsaSttException.NO_CLOSE_CODE, null);
    }

    static ProsaSttException jobFailed(String jobId) {
        return new ProsaSttConnectionException("Prosa STT reported the job " + jobId + " as failed. " + SEND_AGAIN,
                ProsaSttException.NO_CLOSE_CODE, null, null);
    }

    static ProsaSttException connectionFailed(Throwable error, SessionPhase phase) {
        return new ProsaSttConnectionException("The connection to Prosa STT failed while " + phase + " ("
                                               + rootMessage(error) + "). " + SEND_AGAIN, ProsaSttException.NO_CLOSE_CODE, null, error);
    }

    static ProsaSttException sendFailed(Throwable error, long bytesSent) {
        return new ProsaSttConnectionException("Sending audio to Prosa STT failed after " + bytesSent + " bytes ("
                                               + rootMessage(error) + "). " + SEND_AGAIN, ProsaSttException.NO_CLOSE_CODE, null, error);
    }

    static ProsaSttException closedBeforeUpgrade(String url) {
        return new ProsaSttConnectionException("The server at " + url + " closed the TCP connection before answering"
                                               + " the websocket upgrade. " + SEND_AGAIN, ProsaSttException.NO_CLOSE_CODE, null, null);
    }

    /** The typed exception for a connect (TCP, TLS or websocket upgrade) that failed. */
    static ProsaSttException fromConnect(Throwable error, String url, boolean timedOut) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HandshakeException h) {
                return fromUpgradeStatus(h.getHttpStatusCode(), url, error);
            }
            if (t instanceof SSLException ssl) {
                return tlsFailure(ssl, url);
            }
            if (t instanceof UnknownHostException) {
                return new ProsaSttConnectionException("Cannot resolve the host of " + url + ". Check the url option"
                                                       + " and DNS.", ProsaSttException.NO_CLOSE_CODE, null, error, false);
            }
            if (TyrusInternals.isHandshakeNotAnswered(t)) {
                return timedOut
                        ? new ProsaSttTimeoutException("Prosa STT (" + url + ") did not answer the websocket upgrade in"
                                                       + " time. Check the url option and the network, or raise connectTimeout.", error)
                        : new ProsaSttConnectionException("The server at " + url + " closed the connection before"
                                                          + " answering the websocket upgrade. Check the url option. " + SEND_AGAIN,
                                ProsaSttException.NO_CLOSE_CODE, null, error);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ProsaSttConnectionException("Cannot connect to " + url + " (" + sentence(t.getMessage())
                                                       + "). Check the url option and that the service is reachable.",
                        ProsaSttException.NO_CLOSE_CODE, null, error);
            }
        }
        return new ProsaSttConnectionException("Cannot open a websocket to " + url + " (" + rootMessage(error)
                                               + "). Check the url option and the network. " + SEND_AGAIN,
                ProsaSttException.NO_CLOSE_CODE, null, error);
    }

    /** An HTTP answer other than 101 to the websocket upgrade. */
    static ProsaSttException fromUpgradeStatus(int status, String url, Throwable cause) {
        String seen = "HTTP " + status;
        if (status == 401 || status == 403) {
            return new ProsaSttAuthenticationException("Prosa STT refused the API key at the websocket upgrade (" + seen
                                                       + "). Set a valid key in the apiKey option (for example from PROSA_API_KEY); keys come"
                                                       + " from the Prosa Console.", ProsaSttException.NO_CLOSE_CODE, seen, cause);
        }
        if (status == 429) {
            return new ProsaSttRateLimitedException(rateLimited("at the websocket upgrade (" + seen + ")"),
                    ProsaSttException.NO_CLOSE_CODE, seen, cause);
        }
        boolean serverSide = status >= 500 || status == 408;
        return new ProsaSttConnectionException("Prosa STT refused the websocket upgrade at " + url + " (" + seen + ")."
                                               + (serverSide ? " " + SEND_AGAIN : " Check the url option."),
                ProsaSttException.NO_CLOSE_CODE, seen, cause, serverSide);
    }

    static ProsaSttException tlsFailure(SSLException ssl, String url) {
        boolean trust = ssl instanceof SSLPeerUnverifiedException || hasCause(ssl, CertificateException.class)
                        || ssl instanceof SSLHandshakeException && String.valueOf(ssl.getMessage()).contains("certif");
        String why = trust
                ? "the server's certificate is not trusted or does not name this host. Set sslContextParameters with a"
                  + " trust store holding the server's CA, and connect by the name on the certificate."
                : "the server did not complete a TLS handshake (" + rootMessage(ssl) + "). If it speaks plain"
                  + " websocket, use a ws:// url; else check sslContextParameters (protocols, cipher suites).";
        return new ProsaSttConnectionException("TLS handshake with " + url + " failed: " + why,
                ProsaSttException.NO_CLOSE_CODE, null, ssl, false);
    }

    static String rateLimited(String seen) {
        return "Prosa STT is rate limiting this key " + seen + ". Retry later with backoff (e.g."
               + " onException(ProsaSttRateLimitedException.class).maximumRedeliveries(5).redeliveryDelay(2000)"
               + ".useExponentialBackOff()).";
    }

    /** The innermost message of a chain, for a short reason in our own sentence. */
    static String rootMessage(Throwable error) {
        Throwable t = error;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message == null ? error.getClass().getSimpleName() : sentence(message);
    }

    /** A phrase to embed in our sentence: trimmed, short, without a trailing period. */
    static String sentence(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        int newline = s.indexOf('\n');
        if (newline >= 0) {
            s = s.substring(0, newline).strip();
        }
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        while (s.endsWith(".") && !s.endsWith("...")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
