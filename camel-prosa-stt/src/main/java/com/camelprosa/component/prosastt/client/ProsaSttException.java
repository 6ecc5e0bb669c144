package com.camelprosa.component.prosastt.client;

/**
 * A streaming session failed. Subclasses say why; {@link #isRetryable()} says whether sending the whole audio again
 * may succeed, so a Camel route can redeliver on exactly those. Messages never contain the API key.
 */
public class ProsaSttException extends RuntimeException {

    /** No websocket close code applies (the failure happened before or without a close frame). */
    public static final int NO_CLOSE_CODE = -1;

    private final int closeCode;
    private final String closeReason;
    private final boolean retryable;

    public ProsaSttException(String message, int closeCode, String closeReason, boolean retryable, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
        this.closeReason = closeReason;
        this.retryable = retryable;
    }

    /** The websocket close code the server sent, or {@link #NO_CLOSE_CODE}. */
    public int getCloseCode() {
        return closeCode;
    }

    /** The server's close reason text, or null. */
    public String getCloseReason() {
        return closeReason;
    }

    /** True when sending the whole audio again (after a pause) may succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** The typed exception for a close code that is not a normal end. */
    public static ProsaSttException fromClose(int code, String reason) {
        String seen = " (close " + code + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")";
        return switch (code) {
            case 4000 -> new ProsaSttAuthenticationException(
                    "Prosa STT rejected the API key" + seen + ". Set a valid key in the apiKey option"
                                                             + " (for example from PROSA_API_KEY); keys come from the Prosa Console.",
                    code, reason, null);
            case 4001 -> new ProsaSttInvalidConfigurationException(
                    "Prosa STT rejected the session configuration" + seen
                                                                   + ". Check audioFormat, sampleRate and channels against the audio you send.",
                    code, reason);
            case 4002 -> new ProsaSttUnknownModelException(
                    "Prosa STT does not know the model" + seen
                                                           + ". Use a streaming model such as stt-general-online (prosa-stt:general).",
                    code, reason);
            case 4005 -> new ProsaSttQuotaExceededException(
                    "Prosa STT quota is used up" + seen + ". Buy more quota in the Prosa Console, then send again.", code,
                    reason);
            case 4029 -> new ProsaSttRateLimitedException(
                    "Prosa STT is rate limiting this key" + seen + ". Retry later with backoff"
                                                                   + " (e.g. onException(ProsaSttRateLimitedException.class).maximumRedeliveries(5).redeliveryDelay(2000).useExponentialBackOff()).",
                    code, reason);
            default -> new ProsaSttConnectionException(
                    "Prosa STT session ended abnormally" + seen + ". The whole audio can be sent again.", code, reason,
                    null);
        };
    }
}
