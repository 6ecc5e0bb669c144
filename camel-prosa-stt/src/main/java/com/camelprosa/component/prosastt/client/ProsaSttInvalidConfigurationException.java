package com.camelprosa.component.prosastt.client;

/** Prosa STT refused the session configuration (close 4001). Not retryable. */
public class ProsaSttInvalidConfigurationException extends ProsaSttException {

    public ProsaSttInvalidConfigurationException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, false, null);
    }
}
