package com.camelprosa.prosastt.client;

/** The connection could not be made or was lost, or the server ended the session abnormally. Retryable (send the whole audio again) unless {@link #isRetryable()} says otherwise, as for TLS trust failures. */
public class ProsaSttConnectionException extends ProsaSttException {

    public ProsaSttConnectionException(String message, int closeCode, String closeReason, Throwable cause) {
        super(message, closeCode, closeReason, true, cause);
    }

    /** For connection failures that sending again will not cure (e.g. an untrusted certificate). */
    public ProsaSttConnectionException(String message, int closeCode, String closeReason, Throwable cause,
                                       boolean retryable) {
        super(message, closeCode, closeReason, retryable, cause);
    }
}
