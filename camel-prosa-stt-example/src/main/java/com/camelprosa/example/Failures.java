package com.camelprosa.example;

import org.apache.camel.Exchange;

/**
 * How every join names a failure: one line ({@code ProsaSttInvalidInputException: The audio is empty ...}) for the
 * log, the run report and a dead letter's {@code reason} header. HTTP answers are {@link HttpErrors}.
 */
final class Failures {

    private Failures() {
    }

    /** The exchange's failure: the one it carries, or the one an error handler caught. */
    static Throwable caught(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    /** The failure's class and message, or {@code unknown}. */
    static String reason(Throwable failure) {
        return failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
