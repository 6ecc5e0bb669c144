package com.camelprosa.prosastt.client;

/** Prosa STT does not know the requested model (close 4002). Not retryable. */
public class ProsaSttUnknownModelException extends ProsaSttException {

    public ProsaSttUnknownModelException(String message, int closeCode, String closeReason) {
        super(message, closeCode, closeReason, false, null);
    }
}
