package com.camelprosa.component.prosastt.client;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The live events of one session, in the order the server sent them, ending with an {@link TranscriptEvent.Type#END}
 * event. {@link #hasNext()} waits for the next event at most the response timeout; a failed session throws its
 * {@link ProsaSttException} from {@code hasNext()}. {@link #close()} ends the session if it is still open.
 * <p>
 * Not thread-safe: one consumer iterates. Events are buffered until read, so a consumer slower than the server holds
 * them in memory (a few hundred bytes each).
 */
public final class TranscriptStream implements Iterator<TranscriptEvent>, Closeable {

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final long responseTimeoutMillis;
    private volatile StreamingSession session;
    private volatile String jobId;
    private Object next;
    private boolean ended;

    TranscriptStream(long responseTimeoutMillis) {
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    void attach(StreamingSession session) {
        this.session = session;
        session.result().whenComplete((transcript, error) -> {
            if (error != null) {
                events.add(error);
            }
        });
    }

    /** The job id the server gave when it created the job. */
    public String jobId() {
        return jobId;
    }

    void jobId(String id) {
        this.jobId = id;
    }

    /** Completes when the session ends: with the transcript, or with the session's failure. */
    public java.util.concurrent.CompletableFuture<Transcript> completion() {
        return session.result();
    }

    void offer(TranscriptEvent event) {
        events.add(event);
    }

    @Override
    public boolean hasNext() {
        if (ended) {
            return false;
        }
        if (next == null) {
            try {
                next = events.poll(responseTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new ProsaSttConnectionException("Interrupted while waiting for a transcript event.",
                        ProsaSttException.NO_CLOSE_CODE, null, e);
            }
            if (next == null) {
                close();
                throw new ProsaSttTimeoutException("No transcript event for " + responseTimeoutMillis
                                                   + " ms (responseTimeout). The session was closed.");
            }
        }
        if (next instanceof ProsaSttException error) {
            ended = true;
            throw error;
        }
        if (next instanceof Throwable other) {
            ended = true;
            throw new ProsaSttConnectionException(other.getMessage(), ProsaSttException.NO_CLOSE_CODE, null, other);
        }
        return true;
    }

    @Override
    public TranscriptEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The transcript stream has ended.");
        }
        TranscriptEvent event = (TranscriptEvent) next;
        next = null;
        if (event.type() == TranscriptEvent.Type.END) {
            ended = true;
        }
        return event;
    }

    /** Ends the session if it is still open (the consumer stopped early) and drops buffered events. */
    @Override
    public void close() {
        ended = true;
        StreamingSession s = session;
        if (s != null && !s.result().isDone()) {
            s.abort("The transcript stream was closed before the session ended.");
        }
        events.clear();
    }
}
