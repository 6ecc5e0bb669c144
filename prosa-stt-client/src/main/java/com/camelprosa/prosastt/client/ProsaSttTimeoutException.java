package com.camelprosa.prosastt.client;

/**
 * A bound passed: the connect took longer than connectTimeout, the session made no progress for responseTimeout, or
 * the server did not confirm the job within finalizeTimeout after the audio ended. Retryable: send the whole audio
 * again.
 */
public class ProsaSttTimeoutException extends ProsaSttException {

    public ProsaSttTimeoutException(String message) {
        super(message, NO_CLOSE_CODE, null, true, null);
    }

    public ProsaSttTimeoutException(String message, Throwable cause) {
        super(message, NO_CLOSE_CODE, null, true, cause);
    }
}
