package com.camelprosa.prosastt.client;

/**
 * A streaming session failed. Subclasses say why; {@link #isRetryable()} says whether sending the whole audio again
 * may succeed, so a Camel route can redeliver on exactly those. Messages never contain the API key.
 */
public class ProsaSttException extends RuntimeException {

    /** No websocket close code applies (the failure happened before or without a close frame). */
    public static final int NO_CLOSE_CODE = -1;

    private final int closeCode;
    private final String closeReason;
    private final boolean retryable;
    private volatile String where;

    public ProsaSttException(String message, int closeCode, String closeReason, boolean retryable, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
        this.closeReason = closeReason;
        this.retryable = retryable;
    }

    /**
     * Names the session of several (a part of long audio, a channel) that failed, in front of the message. Set once,
     * by the client, before the exception is handed out.
     */
    ProsaSttException in(String where) {
        if (this.where == null) { // the first to name it is the session that failed; the others were ended by it
            this.where = where;
        }
        return this;
    }

    /**
     * Names the whole a named session belongs to, in front of its name (a channel around the part of it that failed).
     */
    ProsaSttException within(String outer) {
        String w = where;
        this.where = w == null ? outer : outer + ", " + w;
        return this;
    }

    /** Which session of several failed (e.g. "part 2 of 3 (3480.0 s to 6960.0 s)", "channel 1 (customer)"), or null. */
    public String getWhere() {
        return where;
    }

    @Override
    public String getMessage() {
        String w = where;
        return w == null ? super.getMessage() : "In " + w + ": " + super.getMessage();
    }

    /** The websocket close code the server sent, or {@link #NO_CLOSE_CODE}. */
    public int getCloseCode() {
        return closeCode;
    }

    /** The server's close reason text, or null. */
    public String getCloseReason() {
        return closeReason;
    }

    /** True when sending the whole audio again (after a pause) may succeed. */
    public boolean isRetryable() {
        return retryable;
    }
}
