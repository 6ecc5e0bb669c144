package com.camelprosa.prosastt.client;

/**
 * Too many sessions: Prosa STT is rate limiting (close 4029 or HTTP 429 at the upgrade), or no free session came
 * within streamWaitTimeout. Retryable, with backoff.
 */
public class ProsaSttRateLimitedException extends ProsaSttException {

    public ProsaSttRateLimitedException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, true, null);
    }

    public ProsaSttRateLimitedException(String message, int closeCode, String closeReason, Throwable cause) {
        super(message, closeCode, closeReason, true, cause);
    }
}
