package com.camelprosa.prosastt.client;

/**
 * The server broke the protocol (a message larger than maxMessageSize, a binary frame, a result after the job was
 * confirmed complete...). Not retryable: sending the same audio again would meet the same server.
 */
public class ProsaSttProtocolException extends ProsaSttException {

    public ProsaSttProtocolException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, false, null);
    }

    public ProsaSttProtocolException(String message, int closeCode, String closeReason, Throwable cause) {
        super(message, closeCode, closeReason, false, cause);
    }
}
