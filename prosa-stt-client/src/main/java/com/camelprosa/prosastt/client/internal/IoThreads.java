package com.camelprosa.prosastt.client.internal;

/**
 * Not API: for the Camel component, which must know where it runs. The websocket I/O threads read every session's
 * messages; work that may block must not run on them.
 */
public final class IoThreads {

    /** The name of the pool of the shared transport's I/O threads (its threads' names start with it). */
    public static final String POOL_NAME = "prosa-stt-shared-io";

    private IoThreads() {
    }

    /** Whether the calling thread is one of the websocket I/O threads that read the server's messages. */
    public static boolean isIoThread() {
        return Thread.currentThread().getName().startsWith(POOL_NAME);
    }
}
