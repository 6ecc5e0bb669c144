package com.camelprosa.prosastt.client;

/** Prosa STT refused the API key (close 4000 or HTTP 401/403 at the upgrade). Not retryable. */
public class ProsaSttAuthenticationException extends ProsaSttException {

    public ProsaSttAuthenticationException(String message, int closeCode, String closeReason, Throwable cause) {
        super(message, closeCode, closeReason, false, cause);
    }
}
