package com.camelprosa.component.prosastt.client;

/** The server broke the protocol's limits (e.g. a message larger than maxMessageSize). Not retryable. */
public class ProsaSttProtocolException extends ProsaSttException {

    public ProsaSttProtocolException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, false, null);
    }
}
