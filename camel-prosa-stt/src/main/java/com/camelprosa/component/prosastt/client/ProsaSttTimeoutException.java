package com.camelprosa.component.prosastt.client;

/** The server said nothing for longer than the response timeout. Retryable: send the whole audio again. */
public class ProsaSttTimeoutException extends ProsaSttException {

    public ProsaSttTimeoutException(String message) {
        super(message, NO_CLOSE_CODE, null, true, null);
    }
}
