package com.camelprosa.prosastt.client;

/**
 * The configuration is wrong: Prosa STT refused it (close 4001), or an option was found wrong before any connection
 * (a url that is not ws:// or wss://, a timeout that is not positive...). Not retryable.
 */
public class ProsaSttInvalidConfigurationException extends ProsaSttException {

    public ProsaSttInvalidConfigurationException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, false, null);
    }

    /** A configuration found wrong on the client side, before any connection. */
    public ProsaSttInvalidConfigurationException(String message, Throwable cause) {
        super(message, NO_CLOSE_CODE, null, false, cause);
    }
}
