package com.camelprosa.prosastt.client;

/** The account's quota is used up (a {@code quota} message or close 4005). Not retryable until quota is bought. */
public class ProsaSttQuotaExceededException extends ProsaSttException {

    public ProsaSttQuotaExceededException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, false, null);
    }
}
