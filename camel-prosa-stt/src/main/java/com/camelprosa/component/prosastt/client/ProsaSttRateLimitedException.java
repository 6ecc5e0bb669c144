package com.camelprosa.component.prosastt.client;

/** Prosa STT is rate limiting (close 4029). Retryable, with backoff. */
public class ProsaSttRateLimitedException extends ProsaSttException {

    public ProsaSttRateLimitedException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, true, null);
    }
}
