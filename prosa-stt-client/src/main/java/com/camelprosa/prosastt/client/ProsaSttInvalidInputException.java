package com.camelprosa.prosastt.client;

/** The request cannot be sent as it is (empty or unsupported audio, missing sample rate...). Found before any connection. */
public class ProsaSttInvalidInputException extends ProsaSttException {

    public ProsaSttInvalidInputException(String message) {
        super(message, NO_CLOSE_CODE, null, false, null);
    }

    public ProsaSttInvalidInputException(String message, Throwable cause) {
        super(message, NO_CLOSE_CODE, null, false, cause);
    }
}
