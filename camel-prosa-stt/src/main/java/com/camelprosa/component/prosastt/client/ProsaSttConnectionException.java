package com.camelprosa.component.prosastt.client;

/** The connection could not be made or was lost, or the server ended the session abnormally. Retryable: send the whole audio again. */
public class ProsaSttConnectionException extends ProsaSttException {

    public ProsaSttConnectionException(String message, int closeCode, String closeReason, Throwable cause) {
        super(message, closeCode, closeReason, true, cause);
    }
}
